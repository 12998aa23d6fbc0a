import { describe, expect, it } from 'vitest';
import { formatBytes, formatDelta, formatDuration, formatNumber, formatRate, formatTimestamp, relativeTime, shortDigest } from '../../../src/shared/format.js';

describe('shared formatting (CLI and UI)', () => {
  it('bytes in binary units, a dash for nothing', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.50 KiB');
    expect(formatBytes(300 * 1024 * 1024)).toBe('300.0 MiB');
    expect(formatBytes(null)).toBe('—');
    expect(formatBytes(Number.NaN)).toBe('—');
  });

  it('durations take milliseconds, the one unit', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_000)).toBe('12s');
    expect(formatDuration(72_000)).toBe('1m 12s');
    expect(formatDuration(3 * 3600_000 + 4 * 60_000)).toBe('3h 4m');
    expect(formatDuration(undefined)).toBe('—');
  });

  it('rates, digests, numbers and timestamps', () => {
    expect(formatRate(2 * 1024 * 1024)).toBe('2.00 MiB/s');
    expect(formatRate(null)).toBe('—');
    // rates below 1 KiB/s are whole bytes, never a raw float
    expect(formatRate(14.360938247965533)).toBe('14 B/s');
    expect(shortDigest('sha256:0123456789abcdef0123')).toBe('0123456789ab');
    expect(shortDigest(null)).toBe('—');
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatNumber(0.123456)).toBe('0.1235');
    expect(formatNumber(Number.NaN)).toBe('NaN');
    expect(formatNumber(-Infinity)).toBe('−∞');
    expect(formatTimestamp(Date.UTC(2026, 10, 1, 14, 3, 59))).toBe('2026-11-01 14:03:59');
    expect(relativeTime(1_000_000 - 120_000, 1_000_000)).toBe('2 min ago');
  });

  it('deltas: relative only when the base is not near zero and the change is under 1000%', () => {
    expect(formatDelta(0.02, 0.9)).toBe('+0.02 (+2.2%)');
    expect(formatDelta(-0.5, 2)).toBe('−0.5 (−25.0%)');
    expect(formatDelta(0.0184, 0.000001)).toBe('+0.0184');
    expect(formatDelta(0.0184, 0)).toBe('+0.0184');
    expect(formatDelta(0.0184, 1e-12)).toBe('+0.0184');
    expect(formatDelta(0, 3)).toBe('±0 (±0.0%)');
    expect(formatDelta(null, 1)).toBe('—');
  });
});
