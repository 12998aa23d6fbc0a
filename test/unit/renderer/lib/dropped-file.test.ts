import { describe, expect, it } from 'vitest';
import { stripCommonRoot, totalBytes, type DroppedFile } from '../../../../src/renderer/lib/upload/dropped-file.js';

const f = (path: string, bytes = 1): DroppedFile => ({ path, file: new File([new Uint8Array(bytes)], path.split('/').pop() || 'x') });

describe('stripCommonRoot', () => {
  it('makes a dropped folder’s contents the root, as a path add does', () => {
    const r = stripCommonRoot([f('data/a.csv'), f('data/sub/b.json'), f('data/empty/')]);
    expect(r.root).toBe('data');
    expect(r.files.map((x) => x.path)).toEqual(['a.csv', 'sub/b.json', 'empty/']);
  });

  it('keeps several dropped items as top-level entries', () => {
    const r = stripCommonRoot([f('a.csv'), f('data/b.csv')]);
    expect(r.root).toBeNull();
    expect(r.files.map((x) => x.path)).toEqual(['a.csv', 'data/b.csv']);
  });

  it('does not strip a shared name prefix that is not a folder', () => {
    expect(stripCommonRoot([f('data/a'), f('data2/b')]).root).toBeNull();
    expect(stripCommonRoot([f('data')]).root).toBeNull();
  });

  it('sums sizes', () => {
    expect(totalBytes([f('a', 3), f('b', 5)])).toBe(8);
  });
});
