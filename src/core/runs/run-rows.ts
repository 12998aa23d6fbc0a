import type { MetricSummary, RunDatasetRef, RunRow, RunStatus } from '../../shared/contract/index.js';
import type { SqlDatabase } from '../db/sql.js';
import { toSummary, type SummaryRow } from '../metrics/list-metrics.js';
import { parseParams } from './flatten-params.js';

export interface RunsRow {
  id: string;
  seq: number;
  kind: 'pipeline' | 'import';
  name: string;
  status: RunStatus;
  pipeline_digest: string | null;
  params_json: string;
  tags_json: string;
  notes: string;
  error: string | null;
  created_at: number;
  started_at: number | null;
  ended_at: number | null;
}

interface DatasetRow extends RunDatasetRef {
  run_id: string;
}

// Past this many ids an IN list is slower (and may exceed SQLite's variable limit) than reading all and picking.
const IN_LIMIT = 500;

/** Table rows for some runs: summaries and dataset versions attached in two queries, not per run. */
export function toRunRows(db: SqlDatabase, rows: RunsRow[], now = Date.now()): RunRow[] {
  const ids = rows.map((r) => r.id);
  const summaries = new Map<string, Record<string, MetricSummary>>();
  const datasets = new Map<string, RunDatasetRef[]>();
  if (ids.length) {
    const wanted = new Set(ids);
    const few = ids.length <= IN_LIMIT;
    const inList = few ? ` WHERE run_id IN (${ids.map(() => '?').join(',')})` : '';
    const args = few ? ids : [];
    for (const s of db
      .prepare(`SELECT run_id, metric, last, last_step, min, max, count, nan_count, inf_count FROM metric_summaries${inList}`)
      .all<SummaryRow>(...args)) {
      if (!few && !wanted.has(s.run_id)) continue;
      let m = summaries.get(s.run_id);
      if (!m) summaries.set(s.run_id, (m = {}));
      m[s.metric] = toSummary(s);
    }
    for (const d of db
      .prepare(`SELECT run_id, stage, role, name, dataset, version, digest FROM run_datasets${inList} ORDER BY stage, role, name`)
      .all<DatasetRow>(...args)) {
      if (!few && !wanted.has(d.run_id)) continue;
      let l = datasets.get(d.run_id);
      if (!l) datasets.set(d.run_id, (l = []));
      l.push({ stage: d.stage, role: d.role, name: d.name, dataset: d.dataset, version: d.version, digest: d.digest });
    }
  }
  return rows.map((r) => ({
    id: r.id,
    seq: r.seq,
    kind: r.kind,
    name: r.name,
    status: r.status,
    createdAt: r.created_at,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    durationMs: r.started_at === null ? null : r.ended_at !== null ? r.ended_at - r.started_at : r.status === 'running' ? now - r.started_at : null,
    params: parseParams(r.params_json),
    tags: parseTags(r.tags_json),
    notes: r.notes,
    error: r.error,
    datasets: datasets.get(r.id) ?? [],
    metrics: summaries.get(r.id) ?? {},
  }));
}

export function parseTags(json: string): string[] {
  try {
    const t = JSON.parse(json) as unknown;
    return Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
