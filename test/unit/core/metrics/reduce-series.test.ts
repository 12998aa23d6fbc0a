import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { reduceMinMax } from '../../../../src/core/metrics/reduce-series.js';

const bucketOf = (x: number, x0: number, x1: number, width: number) => {
  const b = Math.floor(((x - x0) * width) / (x1 - x0 || 1));
  return x1 === x0 ? 0 : Math.min(width - 1, Math.max(0, b));
};

const value = fc.oneof(
  { weight: 20, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((v) => v + 0) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity) },
);

describe('reduceMinMax', () => {
  it("keeps every bucket's true min and max, in x order, with at most 5 points per bucket (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5000 }), value), { minLength: 1, maxLength: 600 }),
        fc.integer({ min: 1, max: 80 }),
        (pairs, width) => {
          pairs.sort((a, b) => a[0] - b[0]);
          const x = Float64Array.from(pairs.map((p) => p[0]));
          const y = Float64Array.from(pairs.map((p) => p[1]));
          const x0 = x[0]!,
            x1 = x[x.length - 1]!;
          const r = reduceMinMax(x, y, width, x0, x1);
          // each bucket's truth
          const truth = new Map<number, { min: number; max: number; gap: boolean; n: number }>();
          for (let i = 0; i < x.length; i++) {
            const b = bucketOf(x[i]!, x0, x1, width);
            const t = truth.get(b) ?? { min: Infinity, max: -Infinity, gap: false, n: 0 };
            t.n++;
            if (Number.isFinite(y[i]!)) {
              t.min = Math.min(t.min, y[i]!);
              t.max = Math.max(t.max, y[i]!);
            } else t.gap = true;
            truth.set(b, t);
          }
          expect(r.bucketX.length).toBe(truth.size);
          const got = new Map<number, { ys: number[]; n: number }>();
          for (let i = 0; i < r.x.length; i++) {
            if (i > 0) expect(r.x[i]!).toBeGreaterThanOrEqual(r.x[i - 1]!);
            const b = bucketOf(r.x[i]!, x0, x1, width);
            const g = got.get(b) ?? { ys: [], n: 0 };
            g.ys.push(r.y[i]!);
            g.n++;
            got.set(b, g);
          }
          for (const [b, t] of truth) {
            const g = got.get(b)!;
            expect(g.n).toBeLessThanOrEqual(Math.min(5, t.n));
            const finite = g.ys.filter((v) => Number.isFinite(v));
            if (t.min !== Infinity) {
              expect(Math.min(...finite)).toBe(t.min);
              expect(Math.max(...finite)).toBe(t.max);
            }
            // a bucket holding NaN/±Inf shows a gap (NaN), never the infinity itself
            expect(g.ys.some((v) => Number.isNaN(v))).toBe(t.gap);
            expect(g.ys.some((v) => v === Infinity || v === -Infinity)).toBe(false);
          }
          // bands: yMin/yMax per bucket are the truth too
          const bands = [...truth.entries()].sort((a, b) => a[0] - b[0]);
          bands.forEach(([, t], i) => {
            expect(r.yMin[i]).toBe(t.min === Infinity ? NaN : t.min);
            expect(r.yMax[i]).toBe(t.max === -Infinity ? NaN : t.max);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps the first and last point of each bucket so the line stays continuous', () => {
    const x = Float64Array.from({ length: 1000 }, (_, i) => i);
    const y = Float64Array.from({ length: 1000 }, (_, i) => Math.sin(i / 10));
    const r = reduceMinMax(x, y, 10, 0, 999);
    for (let b = 0; b < 10; b++) {
      const firstX = [...x].find((v) => bucketOf(v, 0, 999, 10) === b)!;
      const lastX = [...x].reverse().find((v) => bucketOf(v, 0, 999, 10) === b)!;
      expect([...r.x]).toContain(firstX);
      expect([...r.x]).toContain(lastX);
    }
    expect(r.x[0]).toBe(0);
    expect(r.x[r.x.length - 1]).toBe(999);
  });
});
