/**
 * Min/max reduction for display (M4): x is split into `width` equal columns over [x0, x1]; each
 * column keeps its first, min, max and last point (and its first non-finite point, as a gap),
 * in x order. Drawn as a line it is pixel-identical to drawing every point, and every column's
 * true min and max survive. Points must be pushed in ascending x; nothing is kept per point, so
 * a million points stream through from the stored blocks without being copied into one array.
 */
export interface Reduced {
  x: Float64Array;
  y: Float64Array;
  bucketX: Float64Array;
  yMin: Float64Array;
  yMax: Float64Array;
}

export class MinMaxReducer {
  private readonly outX: Float64Array;
  private readonly outY: Float64Array;
  private readonly bX: Float64Array;
  private readonly bMin: Float64Array;
  private readonly bMax: Float64Array;
  private readonly scale: number;
  private k = 0;
  private nb = 0;
  private seq = 0;
  private cur = -1;
  // the candidates of the open column: x, y and arrival order (to emit them in x order)
  private fx = 0;
  private fy = 0;
  private fo = 0;
  private lx = 0;
  private ly = 0;
  private lo = 0;
  private mnx = 0;
  private mny = Infinity;
  private mno = -1;
  private mxx = 0;
  private mxy = -Infinity;
  private mxo = -1;
  private gx = 0;
  private go = -1;
  private readonly ord = new Float64Array(5);
  private readonly px = new Float64Array(5);
  private readonly py = new Float64Array(5);

  constructor(
    private readonly width: number,
    private readonly x0: number,
    x1: number,
  ) {
    this.outX = new Float64Array(width * 5);
    this.outY = new Float64Array(width * 5);
    this.bX = new Float64Array(width);
    this.bMin = new Float64Array(width);
    this.bMax = new Float64Array(width);
    const span = x1 - x0;
    this.scale = span > 0 ? width / span : 0;
  }

  push(x: number, y: number): void {
    const o = this.seq++;
    let b = Math.floor((x - this.x0) * this.scale);
    if (b < 0) b = 0;
    else if (b >= this.width) b = this.width - 1;
    if (b !== this.cur) {
      if (this.cur >= 0) this.emit();
      this.cur = b;
      this.fx = x;
      this.fy = y;
      this.fo = o;
      this.mno = this.mxo = this.go = -1;
      this.mny = Infinity;
      this.mxy = -Infinity;
    }
    this.lx = x;
    this.ly = y;
    this.lo = o;
    if (y - y === 0) {
      if (this.mno < 0 || y < this.mny) {
        this.mnx = x;
        this.mny = y;
        this.mno = o;
      }
      if (this.mxo < 0 || y > this.mxy) {
        this.mxx = x;
        this.mxy = y;
        this.mxo = o;
      }
    } else if (this.go < 0) {
      this.gx = x;
      this.go = o;
    }
  }

  finish(): Reduced {
    if (this.cur >= 0) this.emit();
    this.cur = -1;
    const { k, nb } = this;
    return { x: this.outX.slice(0, k), y: this.outY.slice(0, k), bucketX: this.bX.slice(0, nb), yMin: this.bMin.slice(0, nb), yMax: this.bMax.slice(0, nb) };
  }

  private emit(): void {
    const { ord, px, py } = this;
    let m = 0;
    const add = (o: number, x: number, y: number) => {
      // insertion by arrival order; the same point twice (first = min, …) is written once
      let j = m - 1;
      while (j >= 0 && ord[j]! > o) j--;
      if (j >= 0 && ord[j] === o) return;
      for (let s = m; s > j + 1; s--) {
        ord[s] = ord[s - 1]!;
        px[s] = px[s - 1]!;
        py[s] = py[s - 1]!;
      }
      ord[j + 1] = o;
      px[j + 1] = x;
      py[j + 1] = y;
      m++;
    };
    add(this.fo, this.fx, this.fy);
    if (this.mno >= 0) add(this.mno, this.mnx, this.mny);
    if (this.mxo >= 0) add(this.mxo, this.mxx, this.mxy);
    if (this.go >= 0) add(this.go, this.gx, NaN);
    add(this.lo, this.lx, this.ly);
    for (let a = 0; a < m; a++) {
      const v = py[a]!;
      this.outX[this.k] = px[a]!;
      this.outY[this.k++] = v - v === 0 ? v : NaN;
    }
    this.bX[this.nb] = this.scale > 0 ? this.x0 + this.cur / this.scale : this.x0;
    this.bMin[this.nb] = this.mno >= 0 ? this.mny : NaN;
    this.bMax[this.nb++] = this.mxo >= 0 ? this.mxy : NaN;
  }
}

/** The array form: `x` sorted ascending. */
export function reduceMinMax(x: Float64Array, y: Float64Array, width: number, x0: number, x1: number): Reduced {
  const r = new MinMaxReducer(width, x0, x1);
  for (let i = 0; i < x.length; i++) r.push(x[i]!, y[i]!);
  return r.finish();
}
