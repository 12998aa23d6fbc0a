import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, symlinkSync, linkSync, writeFileSync, chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { useTempDir } from '../../helpers/temp-dir.js';
import { rejection, useDataCore } from './data-workspace.js';

const tmp = useTempDir('kiln-data-');
const dataCore = useDataCore(tmp);

/** Every entry below `dir` as [relative path, kind, mode, content or link target]. */
function snapshot(dir: string): string[][] {
  const out: string[][] = [];
  const walk = (d: string, rel: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const r = rel ? `${rel}/${name}` : name;
      const s = lstatSync(p);
      const mode = (s.mode & 0o7777).toString(8);
      if (s.isSymbolicLink()) out.push([r, 'link', readlinkSync(p)]);
      else if (s.isDirectory()) {
        out.push([r, 'dir', mode]);
        walk(p, r);
      } else if (s.isFile()) out.push([r, 'file', mode, readFileSync(p).toString('base64')]);
    }
  };
  walk(dir, '');
  return out;
}

describe('datasets: add and check out real trees', () => {
  it('round-trips awkward trees byte for byte, with modes, links and warnings for special files', async () => {
    const { core, base } = await dataCore();
    const src = join(base, 'src');
    mkdirSync(join(src, 'empty', 'nested-empty'), { recursive: true });
    mkdirSync(join(src, 'ünï cødé'));
    writeFileSync(join(src, 'ünï cødé', 'naïve 文字.txt'), 'unicode\n');
    writeFileSync(join(src, 'new\nline.txt'), 'newline in the name');
    writeFileSync(join(src, 'zero'), '');
    // a long path: ten 200-byte folder names and a 250-byte file name
    let deep = src;
    for (let i = 0; i < 10; i++) deep = join(deep, `${String(i)}${'d'.repeat(199)}`);
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(deep, 'f'.repeat(250)), 'deep');
    writeFileSync(join(src, 'script.sh'), '#!/bin/sh\necho hi\n');
    chmodSync(join(src, 'script.sh'), 0o755);
    writeFileSync(join(src, 'secret'), 'ro');
    chmodSync(join(src, 'secret'), 0o400);
    writeFileSync(join(src, 'big.bin'), randomBytes(700_000));
    linkSync(join(src, 'big.bin'), join(src, 'hard-link.bin'));
    symlinkSync('big.bin', join(src, 'rel-link'));
    symlinkSync('loop-b', join(src, 'loop-a'));
    symlinkSync('loop-a', join(src, 'loop-b'));
    symlinkSync('../../outside', join(src, 'escaping-link'));
    symlinkSync('/etc', join(src, 'absolute-link'));
    execFileSync('mkfifo', [join(src, 'a-fifo')]);
    const sock = createServer();
    await new Promise<void>((r) => sock.listen(join(src, 'a-socket'), r));

    const r = await core.invoke('datasets:add', { dataset: 'tree', source: { kind: 'paths', paths: [src] }, message: 'first' });
    sock.close();
    expect(r.version.version).toBe(1);
    expect(r.unchanged).toBe(false);
    expect(r.warnings.map((w) => [w.path, w.kind]).sort()).toEqual([
      ['a-fifo', 'skipped_special'],
      ['a-socket', 'skipped_special'],
      ['absolute-link', 'symlink_absolute'],
      ['escaping-link', 'symlink_outside'],
    ]);
    const tree = await core.invoke('datasets:tree', { dataset: 'tree', version: 1 });
    expect(tree.entries.find((e) => e.path === 'hard-link.bin')?.linkOf).toBe('big.bin');
    expect(tree.entries.find((e) => e.path === 'zero')).toMatchObject({ type: 'file', size: 0 });

    const out = join(base, 'out');
    await core.invoke('datasets:checkout', { dataset: 'tree', version: 1, dir: out });
    const expected = snapshot(src).filter(([p]) => p !== 'a-fifo' && p !== 'a-socket');
    expect(snapshot(out)).toEqual(expected);
    expect(lstatSync(join(out, 'hard-link.bin')).ino).toBe(lstatSync(join(out, 'big.bin')).ino);
    expect(existsSync(join(base, 'outside'))).toBe(false);

    // unchanged: only stats, no new version
    const again = await core.invoke('datasets:add', { dataset: 'tree', source: { kind: 'paths', paths: [src] }, message: 'same' });
    expect(again.unchanged).toBe(true);
    expect(again.version.version).toBe(1);
    expect(again.stats.filesHashed).toBe(0);
  });

  it('refuses to check out into a folder that is not empty', async () => {
    const { core, base } = await dataCore();
    mkdirSync(join(base, 's'));
    writeFileSync(join(base, 's', 'a'), 'a');
    await core.invoke('datasets:add', { dataset: 'd', source: { kind: 'paths', paths: [join(base, 's')] } });
    mkdirSync(join(base, 'busy'));
    writeFileSync(join(base, 'busy', 'mine'), 'keep me');
    const e = await rejection(core.invoke('datasets:checkout', { dataset: 'd', version: 1, dir: join(base, 'busy') }));
    expect(e.code).toBe('CONFLICT');
    expect(readFileSync(join(base, 'busy', 'mine'), 'utf8')).toBe('keep me');
  });

  it('export(add(tree)) equals the tree for random trees (property)', async () => {
    const { core, base } = await dataCore();
    const name = fc.stringMatching(/^[a-zA-Z0-9 _.é-]{1,12}$/).filter((s) => s !== '.' && s !== '..');
    const node: fc.Arbitrary<Record<string, unknown>> = fc.letrec((tie) => ({
      dir: fc.dictionary(name, fc.oneof({ depthSize: 'small' }, tie('file'), tie('dir')), { maxKeys: 4 }),
      file: fc.record({ content: fc.uint8Array({ maxLength: 3000 }), exec: fc.boolean() }),
    })).dir as fc.Arbitrary<Record<string, unknown>>;
    let n = 0;
    await fc.assert(
      fc.asyncProperty(node, async (t) => {
        const src = join(base, `p${++n}`);
        const write = (dir: string, spec: Record<string, unknown>) => {
          mkdirSync(dir, { recursive: true });
          for (const [k, v] of Object.entries(spec)) {
            const p = join(dir, k);
            if (v && typeof v === 'object' && 'content' in v) {
              const f = v as { content: Uint8Array; exec: boolean };
              writeFileSync(p, f.content);
              chmodSync(p, f.exec ? 0o755 : 0o644);
            } else write(p, v as Record<string, unknown>);
          }
        };
        write(src, t);
        const r = await core.invoke('datasets:add', { dataset: 'prop', source: { kind: 'paths', paths: [src] } });
        const out = join(base, `o${n}`);
        await core.invoke('datasets:checkout', { dataset: 'prop', version: r.version.version, dir: out });
        expect(snapshot(out)).toEqual(snapshot(src));
      }),
      { numRuns: 15 },
    );
  });

  it('diffs versions: added, removed, modified with CSV rows, renamed, bytes new and reused', async () => {
    const { core, base } = await dataCore();
    const src = join(base, 'src');
    mkdirSync(src);
    writeFileSync(join(src, 't.csv'), 'a,b\n1,2\n3,4\n5,6\n');
    writeFileSync(join(src, 'old-name.bin'), randomBytes(5000));
    writeFileSync(join(src, 'gone.txt'), 'bye');
    await core.invoke('datasets:add', { dataset: 'd', source: { kind: 'paths', paths: [src] } });
    writeFileSync(join(src, 't.csv'), 'a,b\n1,2\n5,6\n7,8\n9,0\n');
    execFileSync('mv', [join(src, 'old-name.bin'), join(src, 'new-name.bin')]);
    execFileSync('rm', [join(src, 'gone.txt')]);
    writeFileSync(join(src, 'fresh.txt'), 'hello');
    await core.invoke('datasets:add', { dataset: 'd', source: { kind: 'paths', paths: [src] }, message: 'v2' });
    const d = await core.invoke('datasets:diff', { dataset: 'd', from: 1, to: 'latest' });
    const by = Object.fromEntries(d.entries.map((e) => [e.path, e]));
    expect(by['t.csv']).toMatchObject({ change: 'modified', rows: { added: 2, removed: 1 } });
    expect(by['new-name.bin']).toMatchObject({ change: 'renamed', from: 'old-name.bin' });
    expect(by['gone.txt']).toMatchObject({ change: 'removed' });
    expect(by['fresh.txt']).toMatchObject({ change: 'added' });
    expect(d.summary).toMatchObject({ added: 1, removed: 1, modified: 1, renamed: 1, bytesReused: 5000 });
    expect(d.summary.bytesNew).toBe(5 + 20);
    const log = await core.invoke('datasets:versions', { dataset: 'd' });
    expect(log.map((v) => [v.version, v.parent, v.message])).toEqual([
      [2, 1, 'v2'],
      [1, null, ''],
    ]);
    const tagged = await core.invoke('datasets:tag', { dataset: 'd', version: 1, tag: 'baseline' });
    expect(tagged.tags).toEqual(['baseline']);
    expect((await core.invoke('datasets:version', { dataset: 'd', version: 'baseline' })).version).toBe(1);
    expect((await rejection(core.invoke('datasets:tree', { dataset: 'd', version: 9 }))).code).toBe('VERSION_NOT_FOUND');
    expect((await rejection(core.invoke('datasets:list', {}).then(() => core.invoke('datasets:versions', { dataset: 'nope' })))).code).toBe(
      'DATASET_NOT_FOUND',
    );
  });

  it('previews and describes the vega-datasets tables, JSON, Parquet and images', async () => {
    const { core } = await dataCore();
    const vega = join(process.cwd(), 'node_modules', 'vega-datasets', 'data');
    const pick = ['cars.json', 'seattle-weather.csv', 'unemployment.tsv', 'flights-3m.parquet', 'ffox.png', 'us-10m.json'].map((f) => join(vega, f));
    await core.invoke('datasets:add', { dataset: 'vega', source: { kind: 'paths', paths: pick } });
    const csv = await core.invoke('datasets:preview', { dataset: 'vega', version: 1, path: 'seattle-weather.csv', limit: 5 });
    expect(csv).toMatchObject({ kind: 'table', format: 'csv', columns: ['date', 'precipitation', 'temp_max', 'temp_min', 'wind', 'weather'], truncated: true });
    if (csv.kind === 'table') expect(csv.rows).toHaveLength(5);
    const json = await core.invoke('datasets:preview', { dataset: 'vega', version: 1, path: 'cars.json', limit: 3 });
    expect(json.kind === 'table' && json.columns).toContain('Horsepower');
    const pq = await core.invoke('datasets:preview', { dataset: 'vega', version: 1, path: 'flights-3m.parquet', limit: 4 });
    expect(pq.kind === 'table' && pq.rows.length).toBe(4);
    const png = await core.invoke('datasets:preview', { dataset: 'vega', version: 1, path: 'ffox.png', limit: 1 });
    expect(png).toMatchObject({ kind: 'image', mime: 'image/png', tooLarge: false });
    if (png.kind === 'image') expect(Buffer.from(png.base64!, 'base64')).toEqual(readFileSync(join(vega, 'ffox.png')));
    const topo = await core.invoke('datasets:preview', { dataset: 'vega', version: 1, path: 'us-10m.json', limit: 10 });
    expect(topo.kind).toBe('text');

    const stats = await core.invoke('datasets:stats', { dataset: 'vega', version: 1, path: 'seattle-weather.csv' });
    expect(stats.rows).toBe(1461);
    const temp = stats.columns.find((c) => c.name === 'temp_max')!;
    expect(temp).toMatchObject({ type: 'number', nulls: 0, count: 1461, min: -1.6, max: 35.6 });
    expect(stats.columns.find((c) => c.name === 'weather')).toMatchObject({ type: 'string', distinct: 5 });
    expect(stats.columns.find((c) => c.name === 'date')).toMatchObject({ type: 'date', min: '2012-01-01', max: '2015-12-31' });
    const tsv = await core.invoke('datasets:stats', { dataset: 'vega', version: 1, path: 'unemployment.tsv' });
    expect(tsv.columns.map((c) => c.name)).toEqual(['id', 'rate']);
    const pqs = await core.invoke('datasets:stats', { dataset: 'vega', version: 1, path: 'flights-3m.parquet' });
    expect(pqs.rows).toBe(3_000_000);
    expect(pqs.sampledRows).toBe(500_000);
    expect(pqs.columns.every((c) => c.count + c.nulls === pqs.sampledRows)).toBe(true);
    expect((await rejection(core.invoke('datasets:stats', { dataset: 'vega', version: 1, path: 'ffox.png' }))).code).toBe('INVALID_INPUT');
  });
});
