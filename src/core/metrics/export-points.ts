import { KilnError, type MetricExportPage } from '../../shared/contract/index.js';
import type { SqlDatabase } from '../db/sql.js';
import { decodeSteps, fromBlob } from './block-codec.js';
import { seriesIdsOf } from './series-query.js';

export interface ExportRequest {
  runId: string;
  metric?: string;
  format: 'csv' | 'rows';
  cursor?: string;
  maxPoints: number;
}

export const CSV_HEADER = 'metric,stage,step,value,timestamp';

interface Block {
  id: number;
  n: number;
  step_min: number;
  step_max: number;
  steps: Uint8Array;
  vals: Uint8Array;
  ts: Uint8Array;
}

/**
 * Every point of a run (or one metric), a page at a time: whole blocks until `maxPoints` is
 * reached, in series order (metric, stage) then write order. The cursor is "seriesId:blockId"
 * of the last block sent, so pages stay cheap however far into a million points they are.
 */
export function exportPoints(db: SqlDatabase, req: ExportRequest): MetricExportPage {
  const series =
    req.metric === undefined
      ? db
          .prepare('SELECT id, metric, stage FROM metric_series WHERE run_id = ? ORDER BY metric, stage, id')
          .all<{ id: number; metric: string; stage: string }>(req.runId)
      : seriesIdsOf(db, req.runId, req.metric).map((id) =>
          db.prepare('SELECT id, metric, stage FROM metric_series WHERE id = ?').get<{ id: number; metric: string; stage: string }>(id)!,
        );
  let si = 0;
  let afterBlock = 0;
  if (req.cursor !== undefined) {
    const m = /^(\d+):(\d+)$/.exec(req.cursor);
    const at = m ? series.findIndex((s) => s.id === Number(m[1])) : -1;
    if (!m || at < 0)
      throw new KilnError('INVALID_INPUT', `metrics:export: cursor "${req.cursor}" is not one this export returned; start again without a cursor`);
    si = at;
    afterBlock = Number(m[2]);
  }
  const stmt = db.prepare('SELECT id, n, step_min, step_max, steps, vals, ts FROM metric_blocks WHERE series_id = ? AND id > ? ORDER BY id LIMIT 64');
  const csv: string[] = req.cursor === undefined && req.format === 'csv' ? [CSV_HEADER] : [];
  const rows: NonNullable<MetricExportPage['rows']> = [];
  let points = 0;
  let last: string | null = null;
  // points logged in one flush often share a wall time: format each once
  let lastTs = NaN;
  let lastIso = '';
  outer: for (; si < series.length; si++, afterBlock = 0) {
    const s = series[si]!;
    const prefix = `${csvField(s.metric)},${csvField(s.stage)},`;
    for (;;) {
      const blocks = stmt.all<Block>(s.id, afterBlock);
      if (blocks.length === 0) break;
      for (const b of blocks) {
        if (points > 0 && points + b.n > req.maxPoints) break outer;
        const steps = decodeSteps(b.steps, b.n, b.step_min, b.step_max),
          vals = fromBlob(b.vals),
          ts = fromBlob(b.ts);
        for (let i = 0; i < b.n; i++) {
          if (req.format === 'csv') {
            const t = ts[i]!;
            if (t !== lastTs) {
              lastTs = t;
              lastIso = isoTime(t);
            }
            csv.push(`${prefix}${steps[i]},${vals[i]},${lastIso}`);
          } else rows.push({ metric: s.metric, stage: s.stage, step: steps[i]!, value: Number.isFinite(vals[i]) ? vals[i]! : String(vals[i]), ts: ts[i]! });
        }
        points += b.n;
        afterBlock = b.id;
        last = `${s.id}:${b.id}`;
      }
    }
  }
  const done = si >= series.length;
  const page: MetricExportPage = { points, nextCursor: done ? null : last };
  if (req.format === 'csv') page.csv = csv.length ? `${csv.join('\n')}\n` : '';
  else page.rows = rows;
  return page;
}

function isoTime(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
