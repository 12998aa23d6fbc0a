import { describe, expect, it } from 'vitest';
import { HyperLogLog } from '../../../../src/core/datasets/hyperloglog.js';

describe('HyperLogLog', () => {
  it.each([10, 1000, 50_000, 300_000])('estimates %i distinct values within 3%', (n) => {
    const h = new HyperLogLog();
    for (let i = 0; i < n; i++) h.add(`value-${i}`);
    for (let i = 0; i < n; i += 7) h.add(`value-${i}`); // repeats do not count
    expect(Math.abs(h.estimate() - n) / n).toBeLessThan(0.03);
  });

  it('estimates 0 for nothing and 1 for one repeated value', () => {
    expect(new HyperLogLog().estimate()).toBe(0);
    const h = new HyperLogLog();
    for (let i = 0; i < 100; i++) h.add('same');
    expect(h.estimate()).toBe(1);
  });
});

describe('HyperLogLog over numbers', () => {
  it('estimates distinct numbers within 3% and counts 0 and -0 once', () => {
    const h = new HyperLogLog();
    for (let i = 0; i < 100_000; i++) h.addNumber(i * 0.5);
    expect(Math.abs(h.estimate() - 100_000) / 100_000).toBeLessThan(0.03);
    const z = new HyperLogLog();
    z.addNumber(0);
    z.addNumber(-0);
    expect(z.estimate()).toBe(1);
  });
});
