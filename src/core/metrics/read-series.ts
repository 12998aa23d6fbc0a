import type { SqlDatabase } from '../db/sql.js';
import { decodeSteps, fromBlob } from './block-codec.js';
import { MinMaxReducer, type Reduced } from './reduce-series.js';

export interface SeriesPoints {
  /** sorted ascending */
  x: Float64Array;
  /** as stored: NaN and ±Infinity kept */
  y: Float64Array;
  nanCount: number;
  infCount: number;
}

export interface BlockRow {
  n: number;
  lo: number;
  hi: number;
  sorted: number;
  xb: Uint8Array;
  vb: Uint8Array;
}

export interface BlockSet {
  blocks: BlockRow[];
  /** every block sorted and each starting at or after the previous one's end: x order is block order */
  inOrder: boolean;
  step: boolean;
  xMin: number;
  xMax: number;
}

const BIG = Number.MAX_VALUE;

/** The blocks of some series (one metric, one or more stages) that overlap [xMin, xMax]; no others are read. */
export function loadBlocks(db: SqlDatabase, seriesIds: number[], axis: 'step' | 'time', xMin = -BIG, xMax = BIG): BlockSet {
  const step = axis === 'step';
  const [lo, hi, sorted, xb] = step ? ['step_min', 'step_max', 'step_sorted', 'steps'] : ['ts_min', 'ts_max', 'ts_sorted', 'ts'];
  const stmt = db.prepare(
    `SELECT n, ${lo} AS lo, ${hi} AS hi, ${sorted} AS sorted, ${xb} AS xb, vals AS vb FROM metric_blocks WHERE series_id = ? AND ${hi} >= ? AND ${lo} <= ? ORDER BY id`,
  );
  const blocks: BlockRow[] = [];
  for (const id of seriesIds) for (const b of stmt.all<BlockRow>(id, xMin, xMax)) blocks.push(b);
  let inOrder = seriesIds.length <= 1;
  let prevHi = -Infinity;
  for (const b of blocks) {
    if (!b.sorted || b.lo < prevHi) inOrder = false;
    prevHi = b.hi;
  }
  return { blocks, inOrder, step, xMin, xMax };
}

const xsOf = (s: BlockSet, b: BlockRow) => (s.step ? decodeSteps(b.xb, b.n, b.lo, b.hi) : fromBlob(b.xb));

/** Points in the range, as arrays sorted by x. */
export function collectPoints(s: BlockSet): SeriesPoints {
  let total = 0;
  for (const b of s.blocks) total += b.n;
  const x = new Float64Array(total);
  const y = new Float64Array(total);
  let k = 0;
  for (const b of s.blocks) {
    const bx = xsOf(s, b);
    const by = fromBlob(b.vb);
    if (b.lo >= s.xMin && b.hi <= s.xMax) {
      x.set(bx.subarray(0, b.n), k);
      y.set(by.subarray(0, b.n), k);
      k += b.n;
    } else {
      for (let i = 0; i < b.n; i++) {
        const xi = bx[i]!;
        if (xi >= s.xMin && xi <= s.xMax) {
          x[k] = xi;
          y[k++] = by[i]!;
        }
      }
    }
  }
  let xs: Float64Array = x.subarray(0, k);
  let ys: Float64Array = y.subarray(0, k);
  if (!s.inOrder && !isSorted(xs)) [xs, ys] = sortByX(xs, ys);
  const { nan, inf } = countNonFinite(ys);
  return { x: xs, y: ys, nanCount: nan, infCount: inf };
}

/**
 * Reduces blocks that are already in x order straight from their blobs: no million-element
 * arrays are built, so a full-range read of a long series costs one pass over the stored bytes.
 */
export function streamReduce(s: BlockSet, width: number, x0: number, x1: number): Reduced & { count: number; nanCount: number; infCount: number } {
  const r = new MinMaxReducer(width, x0, x1);
  let count = 0,
    nan = 0,
    inf = 0;
  for (const b of s.blocks) {
    const by = fromBlob(b.vb);
    const whole = b.lo >= s.xMin && b.hi <= s.xMax;
    const arith = s.step && b.xb.byteLength === 0;
    const bx = arith ? null : fromBlob(b.xb);
    const stride = arith && b.n > 1 ? (b.hi - b.lo) / (b.n - 1) : 0;
    for (let i = 0; i < b.n; i++) {
      const xi = bx ? bx[i]! : b.lo + i * stride;
      if (!whole && (xi < s.xMin || xi > s.xMax)) continue;
      const v = by[i]!;
      if (v - v !== 0) {
        if (v !== v) nan++;
        else inf++;
      }
      r.push(xi, v);
      count++;
    }
  }
  return { ...r.finish(), count, nanCount: nan, infCount: inf };
}

/**
 * The nearest point just outside each end of [xMin, xMax], so a zoomed-in line runs to the
 * chart's edges instead of stopping at the first point inside. Exact for series logged in order.
 */
export function edgePoints(
  db: SqlDatabase,
  seriesIds: number[],
  axis: 'step' | 'time',
  xMin: number,
  xMax: number,
): { before: [number, number] | null; after: [number, number] | null } {
  const step = axis === 'step';
  const [lo, hi, xb] = step ? ['step_min', 'step_max', 'steps'] : ['ts_min', 'ts_max', 'ts'];
  const ph = seriesIds.map(() => '?').join(',');
  const pick = (
    where: string,
    order: string,
    bound: number,
    better: (x: number, best: number) => boolean,
    outside: (x: number) => boolean,
  ): [number, number] | null => {
    const b = db
      .prepare(
        `SELECT n, ${lo} AS lo, ${hi} AS hi, 1 AS sorted, ${xb} AS xb, vals AS vb FROM metric_blocks WHERE series_id IN (${ph}) AND ${where} ORDER BY ${order} LIMIT 1`,
      )
      .get<BlockRow>(...seriesIds, bound);
    if (!b) return null;
    const bx = step ? decodeSteps(b.xb, b.n, b.lo, b.hi) : fromBlob(b.xb);
    const by = fromBlob(b.vb);
    let best: [number, number] | null = null;
    for (let i = 0; i < b.n; i++) {
      const x = bx[i]!;
      if (outside(x) && (best === null || better(x, best[0]))) best = [x, by[i]!];
    }
    return best;
  };
  return {
    before: pick(
      `${lo} < ?`,
      `${hi} DESC`,
      xMin,
      (x, b) => x >= b,
      (x) => x < xMin,
    ),
    after: pick(
      `${hi} > ?`,
      `${lo} ASC`,
      xMax,
      (x, b) => x < b,
      (x) => x > xMax,
    ),
  };
}

/**
 * Points stored as written are sorted for display only when needed (out-of-order steps,
 * interleaved stages); the sort is stable, so repeated steps keep their write order.
 */
export function readSeriesPoints(db: SqlDatabase, seriesIds: number[], axis: 'step' | 'time', xMin = -BIG, xMax = BIG): SeriesPoints {
  return collectPoints(loadBlocks(db, seriesIds, axis, xMin, xMax));
}

function countNonFinite(y: Float64Array): { nan: number; inf: number } {
  let nan = 0,
    inf = 0;
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (v - v !== 0) {
      if (v !== v) nan++;
      else inf++;
    }
  }
  return { nan, inf };
}

function isSorted(x: Float64Array): boolean {
  for (let i = 1; i < x.length; i++) if (x[i]! < x[i - 1]!) return false;
  return true;
}

function sortByX(x: Float64Array, y: Float64Array): [Float64Array, Float64Array] {
  const order = new Uint32Array(x.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  // stable: ties keep the write order
  order.sort((a, b) => x[a]! - x[b]! || a - b);
  const sx = new Float64Array(x.length);
  const sy = new Float64Array(x.length);
  for (let i = 0; i < order.length; i++) {
    sx[i] = x[order[i]!]!;
    sy[i] = y[order[i]!]!;
  }
  return [sx, sy];
}
