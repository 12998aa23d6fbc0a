import { describe, expect, it } from 'vitest';
import { findMatches, lineAtRow, wrappedRows } from '../../../../../src/renderer/views/pipelines/log-layout.js';

describe('log layout (wrap) and search', () => {
  const lines = ['short', 'x'.repeat(25), '', 'ERROR one error'];

  it('a wrapped line takes ceil(length / perRow) rows, at least one', () => {
    const rows = wrappedRows(lines.length, (i) => lines[i]!.length, 10);
    expect(Array.from(rows)).toEqual([0, 1, 4, 5, 7]);
    expect(lineAtRow(rows, 0)).toBe(0);
    expect(lineAtRow(rows, 3)).toBe(1);
    expect(lineAtRow(rows, 4)).toBe(2);
    expect(lineAtRow(rows, 6)).toBe(3);
    expect(lineAtRow(rows, 99)).toBe(3);
  });

  it('finds every case-insensitive occurrence in order', () => {
    expect(findMatches(lines.length, (i) => lines[i]!, 'error')).toEqual([
      { line: 3, col: 0 },
      { line: 3, col: 10 },
    ]);
    expect(findMatches(lines.length, (i) => lines[i]!, '')).toEqual([]);
    expect(findMatches(lines.length, (i) => lines[i]!, 'x', 3)).toHaveLength(3);
  });
});
