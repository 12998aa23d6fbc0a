/**
 * Min/max reduction for display (M4): x is split into `width` equal columns over [x0, x1]; each
 * column keeps its first, min, max and last point (and its first non-finite point, as a gap),
 * in x order. Drawn as a line that is pixel-identical to drawing every point, and every
 * column's true min and max survive. `x` must be sorted ascending.
 */
export interface Reduced {
  x: Float64Array;
  y: Float64Array;
  bucketX: Float64Array;
  yMin: Float64Array;
  yMax: Float64Array;
}

export function reduceMinMax(x: Float64Array, y: Float64Array, width: number, x0: number, x1: number): Reduced {
  const n = x.length;
  const outX = new Float64Array(width * 5);
  const outY = new Float64Array(width * 5);
  const bX = new Float64Array(width);
  const bMin = new Float64Array(width);
  const bMax = new Float64Array(width);
  const span = x1 - x0;
  const scale = span > 0 ? width / span : 0;
  let k = 0;
  let nb = 0;
  const idx = [0, 0, 0, 0, 0];

  let cur = -1, first = -1, last = -1, minI = -1, maxI = -1, gapI = -1;
  const emit = () => {
    let m = 0;
    idx[m++] = first;
    if (minI >= 0) idx[m++] = minI;
    if (maxI >= 0) idx[m++] = maxI;
    if (gapI >= 0) idx[m++] = gapI;
    idx[m++] = last;
    // insertion sort of at most 5 indices, then write without duplicates
    for (let a = 1; a < m; a++) {
      const v = idx[a]!;
      let b = a - 1;
      while (b >= 0 && idx[b]! > v) {
        idx[b + 1] = idx[b]!;
        b--;
      }
      idx[b + 1] = v;
    }
    let prev = -1;
    for (let a = 0; a < m; a++) {
      const i = idx[a]!;
      if (i === prev) continue;
      prev = i;
      const v = y[i]!;
      outX[k] = x[i]!;
      outY[k++] = v - v === 0 ? v : NaN;
    }
    bX[nb] = span > 0 ? x0 + cur / scale : x0;
    bMin[nb] = minI >= 0 ? y[minI]! : NaN;
    bMax[nb++] = maxI >= 0 ? y[maxI]! : NaN;
  };

  for (let i = 0; i < n; i++) {
    let b = Math.floor((x[i]! - x0) * scale);
    if (b < 0) b = 0;
    else if (b >= width) b = width - 1;
    if (b !== cur) {
      if (cur >= 0) emit();
      cur = b;
      first = i;
      minI = maxI = gapI = -1;
    }
    last = i;
    const v = y[i]!;
    if (v - v === 0) {
      if (minI < 0 || v < y[minI]!) minI = i;
      if (maxI < 0 || v > y[maxI]!) maxI = i;
    } else if (gapI < 0) gapI = i;
  }
  if (cur >= 0) emit();
  return { x: outX.slice(0, k), y: outY.slice(0, k), bucketX: bX.slice(0, nb), yMin: bMin.slice(0, nb), yMax: bMax.slice(0, nb) };
}
