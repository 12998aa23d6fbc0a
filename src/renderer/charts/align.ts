/** One series to draw: sorted x, and y with null for a gap. */
export interface XY {
  x: ArrayLike<number>;
  y: ArrayLike<number | null>;
}

/**
 * Puts series with different x onto one shared x (what uPlot draws from). A series has
 * `undefined` where it has no point (uPlot bridges over it) and keeps `null` for its own gaps
 * (NaN/Inf, drawn as gaps). A single series keeps its x as is, repeated steps included.
 */
export function alignSeries(series: XY[]): { x: number[]; ys: (number | null | undefined)[][] } {
  if (series.length === 1) {
    const s = series[0]!;
    return { x: Array.from(s.x), ys: [Array.from(s.y)] };
  }
  const all = new Set<number>();
  for (const s of series) for (let i = 0; i < s.x.length; i++) all.add(s.x[i]!);
  const x = Array.from(all).sort((a, b) => a - b);
  const index = new Map<number, number>();
  x.forEach((v, i) => index.set(v, i));
  const ys = series.map((s) => {
    const col = new Array<number | null | undefined>(x.length);
    for (let i = 0; i < s.x.length; i++) col[index.get(s.x[i]!)!] = s.y[i]!;
    return col;
  });
  return { x, ys };
}

/** Index of the point whose x is nearest to `v` in sorted `x` (-1 when empty). */
export function nearestIndex(x: ArrayLike<number>, v: number): number {
  if (x.length === 0) return -1;
  let lo = 0;
  let hi = x.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && Math.abs(x[lo - 1]! - v) <= Math.abs(x[lo]! - v)) return lo - 1;
  return lo;
}
