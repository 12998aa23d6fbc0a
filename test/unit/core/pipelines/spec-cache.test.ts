import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSpec } from '../../../../src/core/pipelines/spec/parse-spec.js';
import { parseSpecCached } from '../../../../src/core/pipelines/spec-cache.js';

const spec = (img: string) =>
  `stages:\n  a:\n    image: ${img}\n    cmd: [sh, -c, 'echo 1 > o/v']\n    outputs: [o]\n  b:\n    image: ${img}\n    cmd: [cat, o/v]\n    inputs: [o]\n`;

describe('parseSpecCached', () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'kiln-spec-cache-'));
    dirs.push(d);
    return join(d, 'specs');
  };
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('returns what parseSpec returns, then answers from the cache for the same text and build', () => {
    const d = dir();
    const fresh = parseSpec(spec('busybox'), 'kiln.yaml');
    expect(parseSpecCached(spec('busybox'), 'kiln.yaml', d, 'b1')).toEqual(fresh);
    const [entry] = readdirSync(d);
    // an entry changed behind its back shows the second answer came from the cache
    const cached = JSON.parse(readFileSync(join(d, entry!), 'utf8'));
    cached.stages[0].image = 'from-cache';
    writeFileSync(join(d, entry!), JSON.stringify(cached));
    const again = parseSpecCached(spec('busybox'), 'kiln.yaml', d, 'b1');
    expect(again.ok && again.pipeline.stages[0]!.image).toBe('from-cache');
    // another build or other text parses afresh
    const other = parseSpecCached(spec('busybox'), 'kiln.yaml', d, 'b2');
    expect(other.ok && other.pipeline.stages[0]!.image).toBe('busybox');
    expect(parseSpecCached(spec('alpine'), 'kiln.yaml', d, 'b1')).toEqual(parseSpec(spec('alpine'), 'kiln.yaml'));
  });

  it('never keeps a spec with problems, and parses afresh from source (no build id)', () => {
    const d = dir();
    const bad = parseSpecCached('stages:\n  a:\n    imag: x\n', 'kiln.yaml', d, 'b1');
    expect(bad.ok).toBe(false);
    expect(() => readdirSync(d)).toThrow();
    parseSpecCached(spec('busybox'), 'kiln.yaml', d, '');
    expect(() => readdirSync(d)).toThrow();
  });

  it('a damaged entry is parsed again and replaced; old entries are pruned', () => {
    const d = dir();
    parseSpecCached(spec('busybox'), 'kiln.yaml', d, 'b1');
    const [entry] = readdirSync(d);
    writeFileSync(join(d, entry!), '{not json');
    expect(parseSpecCached(spec('busybox'), 'kiln.yaml', d, 'b1')).toEqual(parseSpec(spec('busybox'), 'kiln.yaml'));
    expect(JSON.parse(readFileSync(join(d, entry!), 'utf8')).stages).toHaveLength(2);
    for (let i = 0; i < 20; i++) parseSpecCached(spec(`img${i}`), 'kiln.yaml', d, 'b1');
    expect(readdirSync(d).length).toBeLessThanOrEqual(8);
  });
});
