import { describe, expect, it } from 'vitest';
import { RateMeter } from '../../../src/shared/rate-meter.js';

describe('RateMeter', () => {
  it('measures bytes per second over its window and derives an ETA', () => {
    const m = new RateMeter(3000);
    m.add(0, 0);
    m.add(1000, 1000);
    m.add(2000, 2000);
    expect(m.rate()).toBe(1000);
    expect(m.eta(2000, 5000)).toBe(3);
  });

  it('forgets samples older than the window, so a slow start does not drag the rate', () => {
    const m = new RateMeter(1000);
    m.add(0, 0);
    m.add(10, 5000);
    m.add(5010, 5500);
    m.add(10010, 6000);
    expect(m.rate()).toBe(10_000);
  });

  it('gives no rate until its samples span half a second, so a first tiny tick promises no absurd ETA', () => {
    const m = new RateMeter();
    m.add(0, 0);
    m.add(60, 4);
    expect(m.rate()).toBe(0);
    expect(m.eta(60, 6_000_000)).toBeNull();
    m.add(100_000, 500);
    expect(m.rate()).toBe(200_000);
  });

  it('has no rate or ETA before two samples or without a total', () => {
    const m = new RateMeter();
    expect(m.rate()).toBe(0);
    m.add(0, 0);
    expect(m.eta(0, 100)).toBeNull();
    m.add(100, 1000);
    expect(m.eta(100, null)).toBeNull();
  });

  it('reads its own clock when no time is given, and never reports a negative rate', () => {
    let t = 0;
    const m = new RateMeter(3000, () => t);
    m.add(1000);
    t = 1000;
    m.add(500);
    expect(m.rate()).toBe(0);
    t = 2000;
    m.add(3500);
    expect(m.rate()).toBe(1250);
    expect(m.eta(3500, 6000)).toBe(2);
  });
});
