import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { containsTypedArray, decodeBinary, encodeBinary } from '../../../src/shared/codec.js';

describe('binary codec for typed arrays', () => {
  it('round-trips structure and arrays of every element size, NaN and Infinity included', () => {
    const v = {
      ok: true,
      value: {
        x: new Float64Array([0, 1.5, NaN, Infinity, -Infinity]),
        y: new Float32Array([1, 2, 3]),
        n: new Uint8Array([1, 2, 3]),
        i: new Int32Array([-1, 7]),
        name: 'loss',
        count: 5,
      },
    };
    const back = decodeBinary<typeof v>(encodeBinary(v));
    expect(back.value.name).toBe('loss');
    expect(back.value.x).toBeInstanceOf(Float64Array);
    expect(Array.from(back.value.x)).toEqual([0, 1.5, NaN, Infinity, -Infinity]);
    expect(Array.from(back.value.y)).toEqual([1, 2, 3]);
    expect(Array.from(back.value.n)).toEqual([1, 2, 3]);
    expect(Array.from(back.value.i)).toEqual([-1, 7]);
  });

  it('round-trips random float series of any length (subarray views included)', () => {
    fc.assert(
      fc.property(fc.array(fc.double(), { maxLength: 300 }), fc.nat(5), (xs, cut) => {
        const full = new Float64Array([0, 0, 0, 0, 0, ...xs]);
        const view = full.subarray(cut);
        const back = decodeBinary<{ a: Float64Array; b: Uint8Array }>(encodeBinary({ b: new Uint8Array([cut]), a: view }));
        expect(Array.from(back.a)).toEqual(Array.from(view));
        expect(back.b[0]).toBe(cut);
      }),
    );
  });

  it('is much smaller than JSON for a large series', () => {
    const x = Float64Array.from({ length: 100_000 }, (_, i) => Math.sin(i) / (i + 1));
    expect(encodeBinary({ x }).byteLength).toBeLessThan(JSON.stringify(Array.from(x)).length / 2);
  });

  it('detects typed arrays only where they are', () => {
    expect(containsTypedArray({ a: [1, 2], b: { c: 'x' } })).toBe(false);
    expect(containsTypedArray({ a: { b: new Float64Array(1) } })).toBe(true);
    expect(() => decodeBinary(new TextEncoder().encode('{"json":true}'))).toThrow(/not a Kiln binary payload/);
  });
});
