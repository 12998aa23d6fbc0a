import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CHUNK_AVG, CHUNK_MAX, CHUNK_MIN, chunkLengths, cutPoint } from '../../../../src/core/store/fastcdc.js';
import { GEAR } from '../../../../src/core/store/gear-table.js';

/** Deterministic pseudo-random bytes (xorshift32), fast enough for megabytes in a unit test. */
function bytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed | 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = s & 0xff;
  }
  return out;
}

function boundaries(buf: Uint8Array): number[] {
  const out: number[] = [];
  let at = 0;
  for (const l of chunkLengths(buf)) out.push((at += l));
  return out;
}

describe('FastCDC', () => {
  it('has a fixed gear table (changing it would end deduplication against existing stores)', () => {
    expect(GEAR.length).toBe(256);
    expect([GEAR[0], GEAR[1], GEAR[255]]).toMatchSnapshot();
    expect(new Set(GEAR).size).toBe(256);
  });

  it('cuts between MIN and MAX, averages near AVG, and covers every byte', () => {
    const buf = bytes(8 * 1024 * 1024, 7);
    const lens = chunkLengths(buf);
    expect(lens.reduce((a, b) => a + b, 0)).toBe(buf.length);
    for (const l of lens.slice(0, -1)) {
      expect(l).toBeGreaterThanOrEqual(CHUNK_MIN);
      expect(l).toBeLessThanOrEqual(CHUNK_MAX);
    }
    const avg = buf.length / lens.length;
    expect(avg).toBeGreaterThan(CHUNK_AVG * 0.75);
    expect(avg).toBeLessThan(CHUNK_AVG * 1.5);
  });

  it('keeps a file smaller than MIN as one chunk, and an empty one as none', () => {
    expect(chunkLengths(bytes(CHUNK_MIN, 3))).toEqual([CHUNK_MIN]);
    expect(chunkLengths(bytes(100, 3))).toEqual([100]);
    expect(chunkLengths(new Uint8Array(0))).toEqual([]);
  });

  it('forces a cut at MAX on data without cut points (all zeros)', () => {
    const lens = chunkLengths(new Uint8Array(3 * CHUNK_MAX + 5));
    expect(lens).toEqual([CHUNK_MAX, CHUNK_MAX, CHUNK_MAX, 5]);
  });

  it('finds the same cut whether or not more data follows the MAX window', () => {
    const buf = bytes(4 * CHUNK_MAX, 11);
    const first = cutPoint(buf, 0, buf.length);
    expect(cutPoint(buf.subarray(0, CHUNK_MAX), 0, CHUNK_MAX)).toBe(first);
  });

  it('moves boundaries only near an insertion (property)', () => {
    const base = bytes(3 * 1024 * 1024, 99);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: base.length - 1 }), fc.uint8Array({ minLength: 1, maxLength: 200 }), (pos, ins) => {
        const edited = new Uint8Array(base.length + ins.length);
        edited.set(base.subarray(0, pos), 0);
        edited.set(ins, pos);
        edited.set(base.subarray(pos), pos + ins.length);
        const a = boundaries(base);
        const b = boundaries(edited);
        // before the chunk holding the insertion: identical
        const before = (l: number[]) => l.filter((x) => x < pos - CHUNK_MAX);
        expect(before(b)).toEqual(before(a));
        // well after it: identical once shifted by the inserted length
        const after = (l: number[], shift: number) => l.filter((x) => x > pos + shift + 4 * CHUNK_MAX).map((x) => x - shift);
        expect(after(b, ins.length)).toEqual(after(a, 0));
        // and the region in between holds only a few changed boundaries
        const setA = new Set(a.map((x) => (x > pos ? x + ins.length : x)));
        const changed = b.filter((x) => !setA.has(x)).length;
        expect(changed).toBeLessThanOrEqual(4);
      }),
      { numRuns: 40 },
    );
  });
});
