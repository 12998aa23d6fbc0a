import type { SqlDatabase, SqlValue } from '../db/sql.js';
import { jsonPath } from './flatten-params.js';

export type MetricAgg = 'last' | 'min' | 'max' | 'count' | 'nan_count' | 'inf_count';

export type Column =
  | { kind: 'field'; name: string; type: 'text' | 'number' | 'time' | 'duration' }
  | { kind: 'tag' }
  | { kind: 'metric'; metric: string; agg: MetricAgg }
  | { kind: 'param'; key: string; path: string };

// Builtin columns and their spellings.
const FIELDS: Record<string, Column> = {
  id: { kind: 'field', name: 'id', type: 'text' },
  seq: { kind: 'field', name: 'seq', type: 'number' },
  name: { kind: 'field', name: 'name', type: 'text' },
  kind: { kind: 'field', name: 'kind', type: 'text' },
  status: { kind: 'field', name: 'status', type: 'text' },
  notes: { kind: 'field', name: 'notes', type: 'text' },
  error: { kind: 'field', name: 'error', type: 'text' },
  start: { kind: 'field', name: 'started_at', type: 'time' },
  started: { kind: 'field', name: 'started_at', type: 'time' },
  created: { kind: 'field', name: 'created_at', type: 'time' },
  end: { kind: 'field', name: 'ended_at', type: 'time' },
  ended: { kind: 'field', name: 'ended_at', type: 'time' },
  duration: { kind: 'field', name: 'duration', type: 'duration' },
  tag: { kind: 'tag' },
  tags: { kind: 'tag' },
};

const AGGS: Record<string, MetricAgg> = { last: 'last', min: 'min', max: 'max', count: 'count', nan: 'nan_count', inf: 'inf_count' };

// Param keys only change when runs are added or removed: cached per database on that stamp.
const paramCache = new WeakMap<SqlDatabase, { stamp: string; params: Map<string, string> }>();

/** Flattened param key → JSON path, over every run, computed by SQLite (json_tree), not by parsing each row. */
function paramKeys(db: SqlDatabase): Map<string, string> {
  const st = db.prepare('SELECT count(*) AS n, coalesce(max(seq), 0) AS s FROM runs').get<{ n: number; s: number }>()!;
  const stamp = `${st.n}:${st.s}`;
  const hit = paramCache.get(db);
  if (hit && hit.stamp === stamp) return hit.params;
  const params = new Map<string, string>();
  // leaves and whole arrays; nothing below an array (its elements are one value)
  const rows = db
    .prepare(
      `SELECT DISTINCT t.fullkey AS path FROM runs r, json_tree(CASE WHEN json_valid(r.params_json) THEN r.params_json ELSE '{}' END) t WHERE t.type != 'object' AND t.fullkey NOT GLOB '*[[]*'`,
    )
    .all<{ path: string }>();
  for (const { path } of rows) params.set(path.slice(2).replace(/"/g, ''), path);
  paramCache.set(db, { stamp, params });
  return params;
}

/** The columns a workspace's runs have: every metric name and flattened param key. */
export class ColumnCatalog {
  readonly metrics: Set<string>;
  readonly params: Map<string, string>;

  constructor(db: SqlDatabase) {
    this.metrics = new Set(
      db
        .prepare('SELECT DISTINCT metric FROM metric_summaries')
        .all<{ metric: string }>()
        .map((r) => r.metric),
    );
    this.params = paramKeys(db);
  }

  paramColumns(): string[] {
    return [...this.params.keys()].sort();
  }

  metricColumns(): string[] {
    return [...this.metrics].sort();
  }

  /**
   * A column by name: builtins, `metrics.NAME[.AGG]`, `params.KEY`, then a bare metric name
   * (its last value; `NAME.min` etc. for the others), a param key, or the last segment of
   * exactly one nested param key (`lr` for `train.lr`). A bare name that is both a metric and a
   * param (`lr` is often both) is not guessed: the error names the two spellings to choose from.
   */
  resolve(name: string): Column | { kind: 'ambiguous'; choices: string[] } | null {
    const field = FIELDS[name.toLowerCase()];
    if (field) return field;
    if (name.startsWith('metrics.')) return this.metric(name.slice(8), true);
    if (name.startsWith('params.')) return this.param(name.slice(7), true);
    const m = this.metric(name, false);
    const p = this.param(name, false);
    if (m && p && p.kind === 'param') return { kind: 'ambiguous', choices: [`metrics.${name}`, `params.${p.key}`] };
    return m ?? p;
  }

  /** What the user could have meant, for error messages. */
  suggestions(): string {
    const m = this.metricColumns().slice(0, 8);
    const p = this.paramColumns().slice(0, 8);
    return [
      `status, name, tag, start, duration`,
      m.length ? `metrics: ${m.join(', ')}` : 'no metrics yet',
      p.length ? `params: ${p.join(', ')}` : 'no params yet',
    ].join('; ');
  }

  private metric(name: string, explicit: boolean): Column | null {
    if (this.metrics.has(name)) return { kind: 'metric', metric: name, agg: 'last' };
    const dot = name.lastIndexOf('.');
    if (dot > 0) {
      const agg = AGGS[name.slice(dot + 1)];
      const base = name.slice(0, dot);
      if (agg && (this.metrics.has(base) || explicit)) return { kind: 'metric', metric: base, agg };
    }
    return explicit ? { kind: 'metric', metric: name, agg: 'last' } : null;
  }

  private param(key: string, explicit: boolean): Column | null {
    const exact = this.params.get(key);
    if (exact) return { kind: 'param', key, path: exact };
    const ends = [...this.params.keys()].filter((k) => k.endsWith(`.${key}`));
    if (ends.length === 1) return { kind: 'param', key: ends[0]!, path: this.params.get(ends[0]!)! };
    return explicit ? { kind: 'param', key, path: jsonPath(key.split('.')) } : null;
  }
}

/** The SQL expression of a column over `runs r` (params pushed to `args`). Durations are ms. */
export function columnSql(c: Column, args: SqlValue[], now: number): string {
  switch (c.kind) {
    case 'field':
      if (c.type === 'duration') {
        args.push(now);
        return `(CASE WHEN r.started_at IS NULL THEN NULL WHEN r.ended_at IS NOT NULL THEN r.ended_at - r.started_at WHEN r.status = 'running' THEN ? - r.started_at END)`;
      }
      return `r.${c.name}`;
    case 'metric':
      args.push(c.metric);
      return `(SELECT ms.${c.agg} FROM metric_summaries ms WHERE ms.run_id = r.id AND ms.metric = ?)`;
    case 'param':
      args.push(c.path);
      return `json_extract(r.params_json, ?)`;
    case 'tag':
      throw new Error('tags are a set, not a sortable value');
  }
}
