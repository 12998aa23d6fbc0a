import { KilnError, type MetricSeries } from '../../shared/contract/index.js';
import type { SqlDatabase } from '../db/sql.js';
import { collectPoints, edgePoints, loadBlocks, streamReduce } from './read-series.js';
import { reduceMinMax } from './reduce-series.js';

export interface SeriesRequest {
  runId: string;
  metric: string;
  x: 'step' | 'time';
  xMin?: number;
  xMax?: number;
  width: number;
  stage?: string;
}

const EMPTY = new Float64Array(0);

/** The ids of a metric's series in a run (one per stage that logged it), or a clear NOT_FOUND. */
export function seriesIdsOf(db: SqlDatabase, runId: string, metric: string, stage?: string): number[] {
  const rows =
    stage === undefined
      ? db.prepare('SELECT id FROM metric_series WHERE run_id = ? AND metric = ? ORDER BY stage').all<{ id: number }>(runId, metric)
      : db.prepare('SELECT id FROM metric_series WHERE run_id = ? AND metric = ? AND stage = ?').all<{ id: number }>(runId, metric, stage);
  if (rows.length === 0) {
    const names = db
      .prepare('SELECT DISTINCT metric FROM metric_series WHERE run_id = ? ORDER BY metric LIMIT 20')
      .all<{ metric: string }>(runId)
      .map((r) => r.metric);
    const where = stage === undefined ? '' : ` in stage "${stage}"`;
    throw new KilnError(
      'NOT_FOUND',
      `run ${runId} has no metric "${metric}"${where}; ${names.length ? `it has: ${names.join(', ')}` : 'it logged no metrics'}`,
    );
  }
  return rows.map((r) => r.id);
}

/** The series to draw: raw points when the range holds at most `width` of them, else min/max per pixel column. */
export function querySeries(db: SqlDatabase, req: SeriesRequest): MetricSeries {
  const ids = seriesIdsOf(db, req.runId, req.metric, req.stage);
  const ph = ids.map(() => '?').join(',');
  const ext = db
    .prepare(`SELECT sum(n) AS n, min(step_min) AS s0, max(step_max) AS s1, min(ts_min) AS t0, max(ts_max) AS t1 FROM metric_blocks WHERE series_id IN (${ph})`)
    .get<{ n: number | null; s0: number | null; s1: number | null; t0: number | null; t1: number | null }>(...ids)!;
  const totalCount = ext.n ?? 0;
  const lo = req.x === 'step' ? ext.s0 : ext.t0;
  const hi = req.x === 'step' ? ext.s1 : ext.t1;
  const base = { runId: req.runId, metric: req.metric, xAxis: req.x, totalCount, xExtent: lo === null || hi === null ? null : ([lo, hi] as [number, number]) };
  if (lo === null || hi === null) {
    return { ...base, raw: true, x: EMPTY, y: EMPTY, bucketX: EMPTY, yMin: EMPTY, yMax: EMPTY, count: 0, nanCount: 0, infCount: 0, xRange: null };
  }
  const x0 = req.xMin ?? lo;
  const x1 = req.xMax ?? hi;
  if (x1 < x0) throw new KilnError('INVALID_INPUT', `metrics:series: xMax (${x1}) is below xMin (${x0})`);
  const set = loadBlocks(db, ids, req.x, x0, x1);
  const range = { ...base, xRange: [x0, x1] as [number, number] };
  // blocks wholly inside the range already hold more points than pixels: reduce straight from the blobs
  let inside = 0;
  for (const b of set.blocks) if (b.lo >= x0 && b.hi <= x1) inside += b.n;
  if (set.inOrder && inside > req.width) return { ...range, raw: false, ...streamReduce(set, req.width, x0, x1) };
  const pts = collectPoints(set);
  const common = { ...range, count: pts.x.length, nanCount: pts.nanCount, infCount: pts.infCount };
  if (pts.x.length <= req.width) {
    // zoomed in: the points, plus the nearest one outside each end so the line reaches the edges
    const edge = req.xMin !== undefined || req.xMax !== undefined ? edgePoints(db, ids, req.x, x0, x1) : { before: null, after: null };
    const pre = edge.before ? 1 : 0;
    const n = pts.x.length + pre + (edge.after ? 1 : 0);
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    if (edge.before) [x[0], y[0]] = edge.before;
    x.set(pts.x, pre);
    y.set(pts.y, pre);
    if (edge.after) [x[n - 1], y[n - 1]] = edge.after;
    for (let i = 0; i < n; i++) if (y[i]! - y[i]! !== 0) y[i] = NaN; // gaps
    return { ...common, raw: true, x, y, bucketX: EMPTY, yMin: EMPTY, yMax: EMPTY };
  }
  return { ...common, raw: false, ...reduceMinMax(pts.x, pts.y, req.width, x0, x1) };
}
