import type { SqlDatabase, SqlStatement } from '../db/sql.js';

/**
 * What a batch of points changes in a run+metric summary. Deltas are merged into the stored row
 * by SQL, so two sinks writing the same run (two stages) never overwrite each other's counts.
 */
export class SummaryDelta {
  last: number | null = null;
  lastStep: number | null = null;
  min = Infinity;
  max = -Infinity;
  count = 0;
  nan = 0;
  inf = 0;
  minStep = Infinity;
  maxStep = -Infinity;
  firstTs = Infinity;
  lastTs = -Infinity;

  add(step: number, value: number, ts: number): void {
    this.count++;
    if (step < this.minStep) this.minStep = step;
    if (step > this.maxStep) this.maxStep = step;
    if (ts < this.firstTs) this.firstTs = ts;
    if (ts > this.lastTs) this.lastTs = ts;
    if (value !== value) {
      this.nan++;
      return;
    }
    if (value === Infinity || value === -Infinity) {
      this.inf++;
      return;
    }
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    // the value at the highest step; on a repeated step the one written later wins
    if (this.lastStep === null || step >= this.lastStep) {
      this.lastStep = step;
      this.last = value;
    }
  }
}

const fin = (v: number): number | null => (Number.isFinite(v) ? v : null);

export class SummaryWriter {
  private readonly upsert: SqlStatement;
  constructor(db: SqlDatabase) {
    // min()/max() with several arguments return NULL if any is NULL, hence the coalesces.
    this.upsert = db.prepare(`
      INSERT INTO metric_summaries (run_id, metric, last, last_step, min, max, count, nan_count, inf_count, min_step, max_step, first_ts, last_ts)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (run_id, metric) DO UPDATE SET
        last = CASE WHEN excluded.last_step IS NOT NULL AND (last_step IS NULL OR excluded.last_step >= last_step) THEN excluded.last ELSE last END,
        last_step = CASE WHEN excluded.last_step IS NOT NULL AND (last_step IS NULL OR excluded.last_step >= last_step) THEN excluded.last_step ELSE last_step END,
        min = min(coalesce(min, excluded.min), coalesce(excluded.min, min)),
        max = max(coalesce(max, excluded.max), coalesce(excluded.max, max)),
        count = count + excluded.count,
        nan_count = nan_count + excluded.nan_count,
        inf_count = inf_count + excluded.inf_count,
        min_step = min(coalesce(min_step, excluded.min_step), coalesce(excluded.min_step, min_step)),
        max_step = max(coalesce(max_step, excluded.max_step), coalesce(excluded.max_step, max_step)),
        first_ts = min(coalesce(first_ts, excluded.first_ts), coalesce(excluded.first_ts, first_ts)),
        last_ts = max(coalesce(last_ts, excluded.last_ts), coalesce(excluded.last_ts, last_ts))
    `);
  }

  write(runId: string, metric: string, d: SummaryDelta): void {
    if (d.count === 0) return;
    this.upsert.run(
      runId,
      metric,
      d.last,
      d.lastStep,
      fin(d.min),
      fin(d.max),
      d.count,
      d.nan,
      d.inf,
      fin(d.minStep),
      fin(d.maxStep),
      fin(d.firstTs),
      fin(d.lastTs),
    );
  }
}
