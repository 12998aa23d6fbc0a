import { describe, expect, it } from 'vitest';
import type { TreeEntry } from '../../../../../src/shared/contract/index.js';
import { treeRows } from '../../../../../src/renderer/views/datasets/tree-rows.js';

const file = (path: string, size: number): TreeEntry => ({ path, type: 'file', mode: 0o644, size, mtime: 0 });
const dir = (path: string): TreeEntry => ({ path, type: 'dir', mode: 0o755, size: 0, mtime: 0 });

describe('treeRows', () => {
  const entries = [file('b.csv', 10), dir('a'), file('a/x.txt', 3), dir('a/deep'), file('a/deep/y.bin', 4), dir('empty')];

  it('sorts by path, indents by depth and sums folder sizes', () => {
    const rows = treeRows(entries, new Set());
    expect(rows.map((r) => [r.entry.path, r.depth, r.bytes])).toEqual([
      ['a', 0, 7],
      ['a/deep', 1, 4],
      ['a/deep/y.bin', 2, 4],
      ['a/x.txt', 1, 3],
      ['b.csv', 0, 10],
      ['empty', 0, 0],
    ]);
    expect(rows[2]!.name).toBe('y.bin');
  });

  it('hides everything under a collapsed folder, at any depth', () => {
    expect(treeRows(entries, new Set(['a'])).map((r) => r.entry.path)).toEqual(['a', 'b.csv', 'empty']);
    expect(treeRows(entries, new Set(['a/deep'])).map((r) => r.entry.path)).toEqual(['a', 'a/deep', 'a/x.txt', 'b.csv', 'empty']);
  });

  it('does not treat a name prefix as a parent folder', () => {
    const rows = treeRows([dir('a'), file('a/1', 1), file('ab', 2)], new Set(['a']));
    expect(rows.map((r) => r.entry.path)).toEqual(['a', 'ab']);
  });

  it('lists a folder’s files right under it, before a sibling whose name extends the folder’s ("old", "old/a", "old.txt")', () => {
    const rows = treeRows([file('old.txt', 1), dir('old'), file('old/a', 2), file('old-b', 3)], new Set());
    expect(rows.map((r) => r.entry.path)).toEqual(['old', 'old/a', 'old-b', 'old.txt']);
  });

  it('leaves out the given files (removed ones shown from a previous version) from folder sizes', () => {
    const rows = treeRows([dir('d'), file('d/kept', 5), file('d/removed', 7)], new Set(), new Set(['d/removed']));
    expect(rows[0]!.bytes).toBe(5);
  });
});
