import type { SqlDatabase } from '../db/sql.js';
import { decodeSteps, fromBlob } from './block-codec.js';

export interface SeriesPoints {
  /** sorted ascending */
  x: Float64Array;
  /** as stored: NaN and ±Infinity kept */
  y: Float64Array;
  nanCount: number;
  infCount: number;
}

interface BlockRow {
  n: number;
  lo: number;
  hi: number;
  sorted: number;
  xb: Uint8Array;
  vb: Uint8Array;
}

const BIG = Number.MAX_VALUE;

/**
 * The points of some series (one metric, one or more stages) whose x lies in [xMin, xMax],
 * sorted by x. Only blocks overlapping the range are read. Points are stored as written; a
 * series logged in order (the usual case) is already sorted, so sorting happens only for
 * out-of-order steps or interleaved stages, and is stable: repeated steps keep write order.
 */
export function readSeriesPoints(db: SqlDatabase, seriesIds: number[], axis: 'step' | 'time', xMin = -BIG, xMax = BIG): SeriesPoints {
  const step = axis === 'step';
  const [lo, hi, sorted, xb] = step ? ['step_min', 'step_max', 'step_sorted', 'steps'] : ['ts_min', 'ts_max', 'ts_sorted', 'ts'];
  const stmt = db.prepare(
    `SELECT n, ${lo} AS lo, ${hi} AS hi, ${sorted} AS sorted, ${xb} AS xb, vals AS vb FROM metric_blocks WHERE series_id = ? AND ${hi} >= ? AND ${lo} <= ? ORDER BY id`,
  );
  const blocks: BlockRow[] = [];
  for (const id of seriesIds) blocks.push(...stmt.all<BlockRow>(id, xMin, xMax));

  let total = 0;
  for (const b of blocks) total += b.n;
  const x = new Float64Array(total);
  const y = new Float64Array(total);
  let k = 0;
  let inOrder = seriesIds.length <= 1;
  let prevHi = -Infinity;
  for (const b of blocks) {
    const bx = step ? decodeSteps(b.xb, b.n, b.lo, b.hi) : fromBlob(b.xb);
    const by = fromBlob(b.vb);
    if (!b.sorted || b.lo < prevHi) inOrder = false;
    prevHi = b.hi;
    if (b.lo >= xMin && b.hi <= xMax) {
      x.set(bx.subarray(0, b.n), k);
      y.set(by.subarray(0, b.n), k);
      k += b.n;
    } else {
      for (let i = 0; i < b.n; i++) {
        const xi = bx[i]!;
        if (xi >= xMin && xi <= xMax) {
          x[k] = xi;
          y[k++] = by[i]!;
        }
      }
    }
  }
  let xs: Float64Array = x.subarray(0, k);
  let ys: Float64Array = y.subarray(0, k);
  if (!inOrder && !isSorted(xs)) [xs, ys] = sortByX(xs, ys);
  let nanCount = 0, infCount = 0;
  for (let i = 0; i < ys.length; i++) {
    const v = ys[i]!;
    if (v - v !== 0) {
      if (v !== v) nanCount++;
      else infCount++;
    }
  }
  return { x: xs, y: ys, nanCount, infCount };
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
