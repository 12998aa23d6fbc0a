import type { MetricInfo, MetricSummary } from '../../shared/contract/index.js';
import type { SqlDatabase } from '../db/sql.js';

export interface SummaryRow {
  run_id: string;
  metric: string;
  last: number | null;
  last_step: number | null;
  min: number | null;
  max: number | null;
  count: number;
  nan_count: number;
  inf_count: number;
  min_step: number | null;
  max_step: number | null;
  first_ts: number | null;
  last_ts: number | null;
}

export function toSummary(r: SummaryRow): MetricSummary {
  return { last: r.last, lastStep: r.last_step, min: r.min, max: r.max, count: r.count, nanCount: r.nan_count, infCount: r.inf_count };
}

/** A run's metrics with their summaries and the stages that logged them. */
export function listMetrics(db: SqlDatabase, runId: string): MetricInfo[] {
  const rows = db.prepare('SELECT * FROM metric_summaries WHERE run_id = ? ORDER BY metric').all<SummaryRow>(runId);
  const stages = new Map<string, string[]>();
  for (const s of db.prepare('SELECT metric, stage FROM metric_series WHERE run_id = ? ORDER BY stage').all<{ metric: string; stage: string }>(runId)) {
    const list = stages.get(s.metric) ?? [];
    list.push(s.stage);
    stages.set(s.metric, list);
  }
  return rows.map((r) => ({
    metric: r.metric,
    stages: stages.get(r.metric) ?? [],
    summary: toSummary(r),
    minStep: r.min_step,
    maxStep: r.max_step,
    firstTs: r.first_ts,
    lastTs: r.last_ts,
  }));
}
