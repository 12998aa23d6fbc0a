import { describe, expect, it } from 'vitest';
import { ema } from '../../../../src/renderer/charts/ema.js';

describe('ema', () => {
  it('returns the input when smoothing is off', () => {
    expect(ema([1, 2, 3], 0)).toEqual([1, 2, 3]);
  });

  it('is bias-corrected: a constant series stays constant from the first point', () => {
    const out = ema([5, 5, 5, 5], 0.9);
    for (const v of out) expect(v).toBeCloseTo(5, 12);
  });

  it('follows a step with the expected lag', () => {
    const out = ema([0, 10], 0.5) as number[];
    // acc = 0 then 5; debiased by 1 - 0.5^2 = 0.75
    expect(out[0]).toBe(0);
    expect(out[1]).toBeCloseTo(5 / 0.75, 12);
  });

  it('keeps NaN, Inf and null as gaps without disturbing the average', () => {
    const out = ema([1, Number.NaN, null, Number.POSITIVE_INFINITY, 1], 0.8);
    expect(out[1]).toBeNull();
    expect(out[2]).toBeNull();
    expect(out[3]).toBeNull();
    expect(out[4]).toBeCloseTo(1, 12);
  });
});
