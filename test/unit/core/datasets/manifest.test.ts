import { describe, expect, it } from 'vitest';
import { checkManifestPaths, chunksOf, parseManifest, serializeManifest, type ManifestEntry } from '../../../../src/core/datasets/manifest.js';

const h = (c: string) => c.repeat(64);
const file = (path: string, extra: Partial<ManifestEntry> = {}): ManifestEntry => ({
  path,
  type: 'file',
  mode: 0o644,
  size: 3,
  mtime: 1000,
  digest: h('a'),
  ...extra,
});

describe('manifest', () => {
  it('has one digest per tree whatever the order entries arrive in', () => {
    const a = serializeManifest([file('b'), file('a'), { path: 'd', type: 'dir', mode: 0o755, size: 0, mtime: 5 }]);
    const b = serializeManifest([{ path: 'd', type: 'dir', mode: 0o755, size: 0, mtime: 5 }, file('a'), file('b')]);
    expect(a.digest).toBe(b.digest);
    expect(a.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(serializeManifest([file('a'), file('b', { mode: 0o755 })]).digest).not.toBe(a.digest);
  });

  it('leaves out a single-chunk list and restores it on read', () => {
    const e = file('x', { chunks: [[h('a'), 3]] });
    const { body, digest } = serializeManifest([e]);
    expect(body).not.toContain('chunks');
    const m = parseManifest(body, digest);
    expect(chunksOf(m.entries[0]!)).toEqual([[h('a'), 3]]);
    expect(chunksOf(file('z', { size: 0, digest: h('e') }))).toEqual([]);
    const multi = file('y', {
      size: 10,
      chunks: [
        [h('b'), 4],
        [h('c'), 6],
      ],
    });
    expect(chunksOf(parseManifest(serializeManifest([multi]).body, serializeManifest([multi]).digest).entries[0]!)).toEqual([
      [h('b'), 4],
      [h('c'), 6],
    ]);
  });

  it('refuses a manifest whose bytes do not match its digest', () => {
    const { body, digest } = serializeManifest([file('a')]);
    expect(() => parseManifest(body.replace('"a"', '"b"'), digest)).toThrow(/damaged/);
  });

  it.each([['../evil'], ['/etc/passwd'], ['a/../../b'], ['a//b'], ['./a'], ['C:/x'], ['']])('refuses the escaping path %j (PATH_ESCAPE)', (p) => {
    try {
      checkManifestPaths({ kiln: 'manifest/1', entries: [file(p)] });
      expect.unreachable();
    } catch (e) {
      expect((e as { code: string }).code).toBe('PATH_ESCAPE');
    }
  });

  it('refuses entries below a symlink, which could redirect the write', () => {
    const m = {
      kiln: 'manifest/1' as const,
      entries: [{ path: 'l', type: 'symlink' as const, mode: 0o777, size: 4, mtime: 0, target: '/etc' }, file('l/passwd')],
    };
    expect(() => checkManifestPaths(m)).toThrow(/refusing/);
    expect(() =>
      checkManifestPaths({ kiln: 'manifest/1', entries: [{ path: 'd', type: 'dir', mode: 0o755, size: 0, mtime: 0 }, file('d/ok'), file('ünï cødé\nname')] }),
    ).not.toThrow();
  });
});
