import { describe, expect, it } from 'vitest';
import { LogRing } from '../../../../src/renderer/lib/log-ring.js';

const lines = (from: number, n: number) => Array.from({ length: n }, (_, i) => `line ${from + i}`);

describe('LogRing', () => {
  it('keeps lines in order with their stream until full', () => {
    const r = new LogRing(5);
    r.push(lines(1, 2));
    r.push(['oops'], 1);
    expect(r.length).toBe(3);
    expect([0, 1, 2].map((i) => r.line(i))).toEqual(['line 1', 'line 2', 'oops']);
    expect([0, 1, 2].map((i) => r.stream(i))).toEqual([0, 0, 1]);
  });

  it('drops the oldest lines once full and counts what fell off', () => {
    const r = new LogRing(4);
    for (let i = 0; i < 10; i++) r.push([`l${i}`]);
    expect(r.length).toBe(4);
    expect(r.total).toBe(10);
    expect(r.dropped).toBe(6);
    expect([0, 1, 2, 3].map((i) => r.line(i))).toEqual(['l6', 'l7', 'l8', 'l9']);
  });

  it('takes a batch larger than its capacity, keeping its tail', () => {
    const r = new LogRing(3);
    r.push(lines(1, 2));
    r.push(lines(100, 1000));
    expect(r.total).toBe(1002);
    expect([0, 1, 2].map((i) => r.line(i))).toEqual(['line 1097', 'line 1098', 'line 1099']);
  });

  it('matches the last `capacity` lines of everything pushed, whatever the batch sizes', () => {
    const r = new LogRing(50);
    const all: string[] = [];
    let n = 0;
    for (const size of [1, 7, 49, 50, 51, 3, 120, 2]) {
      const batch = lines(n, size);
      n += size;
      all.push(...batch);
      r.push(batch);
      const tail = all.slice(-50);
      expect(Array.from({ length: r.length }, (_, i) => r.line(i))).toEqual(tail);
    }
  });

  it('clears', () => {
    const r = new LogRing(3);
    r.push(lines(0, 5));
    r.clear();
    expect([r.length, r.total]).toEqual([0, 0]);
  });
});
