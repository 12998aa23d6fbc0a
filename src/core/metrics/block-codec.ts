/** Points per stored block: big enough that a million points are ~245 rows, small enough to rewrite cheaply. */
export const BLOCK_POINTS = 4096;

/** A Float64Array's first `n` values as a blob, without copying. */
export function toBlob(a: Float64Array, n = a.length): Uint8Array {
  return Buffer.from(a.buffer, a.byteOffset, n * 8);
}

/** A blob back to Float64Array; copies only when the driver handed an unaligned buffer. */
export function fromBlob(b: Uint8Array): Float64Array {
  if (b.byteOffset % 8 === 0) return new Float64Array(b.buffer, b.byteOffset, b.byteLength >>> 3);
  return new Float64Array(b.slice().buffer, 0, b.byteLength >>> 3);
}
