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

/**
 * Steps are usually an arithmetic sequence (0, 1, 2… or 0, 10, 20…): such a block stores an
 * empty steps blob and is rebuilt from step_min/step_max, halving what a step-axis read touches.
 * Only exact sequences qualify: the rebuild below reproduces every value bit for bit.
 */
export function isArithmetic(steps: Float64Array, n: number): boolean {
  if (n < 2) return n === 1;
  const s0 = steps[0]!;
  const stride = (steps[n - 1]! - s0) / (n - 1);
  if (!(stride > 0)) return false;
  for (let i = 1; i < n; i++) if (steps[i] !== s0 + i * stride) return false;
  return true;
}

export function decodeSteps(blob: Uint8Array, n: number, stepMin: number, stepMax: number): Float64Array {
  if (blob.byteLength > 0) return fromBlob(blob);
  const out = new Float64Array(n);
  const stride = n > 1 ? (stepMax - stepMin) / (n - 1) : 0;
  for (let i = 0; i < n; i++) out[i] = stepMin + i * stride;
  return out;
}
