/**
 * Exponential moving average with start-up bias correction (as TensorBoard smooths), over finite
 * values only: a NaN/Inf point stays a gap (null) and does not disturb the average.
 * `weight` in [0, 1): 0 returns the input.
 */
export function ema(y: ArrayLike<number | null>, weight: number): (number | null)[] {
  const out = new Array<number | null>(y.length);
  let acc = 0;
  let n = 0;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (v === null || v === undefined || !Number.isFinite(v)) {
      out[i] = null;
      continue;
    }
    if (weight <= 0) {
      out[i] = v;
      continue;
    }
    acc = acc * weight + (1 - weight) * v;
    n++;
    out[i] = acc / (1 - Math.pow(weight, n));
  }
  return out;
}
