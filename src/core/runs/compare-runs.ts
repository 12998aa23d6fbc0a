import { KilnError, type CompareMetric, type CompareParam, type RunCompareResult } from '../../shared/contract/index.js';
import type { SqlDatabase } from '../db/sql.js';
import { toRunRows, type RunsRow } from './run-rows.js';

/** 2–20 runs side by side: every param with a `differs` flag, every metric's summary and its delta to the baseline. */
export function compareRuns(db: SqlDatabase, runIds: string[], baselineId: string): RunCompareResult {
  const ids = [...new Set(runIds)];
  if (ids.length < 2) throw new KilnError('INVALID_INPUT', `compare needs 2 different runs, got ${ids.join(', ')}`);
  if (!ids.includes(baselineId)) throw new KilnError('INVALID_INPUT', `the baseline ${baselineId} is not one of the compared runs`);
  const byId = new Map(
    db
      .prepare(`SELECT * FROM runs WHERE id IN (${ids.map(() => '?').join(',')})`)
      .all<RunsRow>(...ids)
      .map((r) => [r.id, r]),
  );
  const runs = toRunRows(
    db,
    ids.map((id) => byId.get(id)!),
  );
  const b = ids.indexOf(baselineId);

  const keys = [...new Set(runs.flatMap((r) => Object.keys(r.params)))].sort();
  const params: CompareParam[] = keys.map((key) => {
    const values = runs.map((r) => (key in r.params ? r.params[key]! : null));
    const first = JSON.stringify(values[0]);
    return { key, values, differs: values.some((v) => JSON.stringify(v) !== first) };
  });

  const names = [...new Set(runs.flatMap((r) => Object.keys(r.metrics)))].sort();
  const metrics: CompareMetric[] = names.map((metric) => {
    const summaries = runs.map((r) => r.metrics[metric] ?? null);
    const base = summaries[b]?.last ?? null;
    const deltas = summaries.map((s) => (s?.last == null || base === null ? null : s.last - base));
    const relDeltas = deltas.map((d) => (d === null || !base ? null : d / Math.abs(base)));
    return { metric, summaries, deltas, relDeltas };
  });
  return { runs, baseline: baselineId, params, metrics };
}
