/** A quantile from a cumulative histogram, interpolated inside its bucket as Prometheus does. */
export function histogramQuantile(q: number, buckets: readonly (readonly [number, number])[]): number | null {
  const total = buckets.at(-1)?.[1] ?? 0;
  if (!total) return null;
  const rank = q * total;
  let prevBound = 0;
  let prevCount = 0;
  for (const [bound, count] of buckets) {
    if (count >= rank) {
      if (!Number.isFinite(bound)) return prevBound;
      return prevBound + (bound - prevBound) * ((rank - prevCount) / Math.max(1, count - prevCount));
    }
    prevBound = bound;
    prevCount = count;
  }
  return prevBound;
}
