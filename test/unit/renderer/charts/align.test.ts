import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { alignSeries, nearestIndex } from '../../../../src/renderer/charts/align.js';

describe('alignSeries', () => {
  it('keeps a single series as is, repeated steps included', () => {
    const r = alignSeries([{ x: new Float64Array([1, 2, 2, 3]), y: [1, null, 3, 4] }]);
    expect(r.x).toEqual([1, 2, 2, 3]);
    expect(r.ys).toEqual([[1, null, 3, 4]]);
  });

  it('puts several series on the union of their x: undefined where a series has no point, null kept as a gap', () => {
    const r = alignSeries([
      { x: [1, 3], y: [10, null] },
      { x: [2, 3, 4], y: [20, 30, 40] },
    ]);
    expect(r.x).toEqual([1, 2, 3, 4]);
    expect(r.ys[0]).toEqual([10, undefined, null, undefined]);
    expect(r.ys[1]).toEqual([undefined, 20, 30, 40]);
  });

  it('never loses a point of any series with distinct x', () => {
    fc.assert(
      fc.property(fc.array(fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { maxLength: 40 }), { minLength: 2, maxLength: 5 }), (xs) => {
        const series = xs.map((x) => {
          const sorted = [...x].sort((a, b) => a - b);
          return { x: sorted, y: sorted.map((v) => v * 2) };
        });
        const r = alignSeries(series);
        series.forEach((s, i) => {
          s.x.forEach((x, j) => expect(r.ys[i]![r.x.indexOf(x)]).toBe(s.y[j]));
          expect(r.ys[i]!.filter((v) => v !== undefined)).toHaveLength(s.x.length);
        });
      }),
    );
  });
});

describe('nearestIndex', () => {
  it('finds the nearest x, ties to the left, -1 when empty', () => {
    expect(nearestIndex([], 3)).toBe(-1);
    expect(nearestIndex([0, 10, 20], -5)).toBe(0);
    expect(nearestIndex([0, 10, 20], 14)).toBe(1);
    expect(nearestIndex([0, 10, 20], 15)).toBe(1);
    expect(nearestIndex([0, 10, 20], 16)).toBe(2);
    expect(nearestIndex([0, 10, 20], 99)).toBe(2);
  });

  it('agrees with a linear scan', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.double({ min: -2e6, max: 2e6, noNaN: true }),
        (xs, v) => {
          const x = [...xs].sort((a, b) => a - b);
          const i = nearestIndex(x, v);
          const best = Math.min(...x.map((p) => Math.abs(p - v)));
          expect(Math.abs(x[i]! - v)).toBe(best);
        },
      ),
    );
  });
});
