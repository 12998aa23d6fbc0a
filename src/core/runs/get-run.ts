import { KilnError, type RunDetail, type RunModelRef, type RunOutputInfo } from '../../shared/contract/index.js';
import type { SqlDatabase } from '../db/sql.js';
import { toRunRows, type RunsRow } from './run-rows.js';
import { toRunStage, type StageRow } from './run-stage-row.js';

/** One run as `runs:get` (and `pipelines:run`) answer it: the table row plus stages in pipeline order, outputs and metric names. */
export function getRun(db: SqlDatabase, runId: string): RunDetail {
  const r = db.prepare('SELECT * FROM runs WHERE id = ?').get<RunsRow>(runId);
  if (!r) throw new KilnError('RUN_NOT_FOUND', `no run ${runId} in this workspace: kiln runs ls lists them`);
  const row = toRunRows(db, [r])[0]!;
  const outputs = db.prepare('SELECT stage, path, digest, tree FROM run_outputs WHERE run_id = ? ORDER BY stage, path').all<RunOutputInfo>(runId);
  const stageRows = db.prepare('SELECT * FROM run_stages WHERE run_id = ? ORDER BY position, started_at IS NULL, started_at').all<StageRow>(runId);
  const stages = stageRows.map((s) => toRunStage(s, Object.fromEntries(outputs.filter((o) => o.stage === s.stage).map((o) => [o.path, o.tree ?? o.digest]))));
  const metricNames = db
    .prepare('SELECT metric FROM metric_summaries WHERE run_id = ? ORDER BY metric')
    .all<{ metric: string }>(runId)
    .map((m) => m.metric);
  return { ...row, pipelineDigest: r.pipeline_digest, stages, outputs, metricNames, models: runModels(db, runId, outputs) };
}

/** Model versions registered from the run, or whose files are exactly one of its outputs (a rerun that changed nothing). */
function runModels(db: SqlDatabase, runId: string, outputs: RunOutputInfo[]): RunModelRef[] {
  const trees = outputs.map((o) => o.tree).filter((t): t is string => t !== null);
  const rows = db
    .prepare(
      `SELECT m.name AS name, v.version AS version, l.output AS output, l.run_id AS run_id
       FROM model_versions v JOIN models m ON m.id = v.model_id LEFT JOIN model_lineage l ON l.model_id = v.model_id AND l.version = v.version
       WHERE l.run_id = ?${trees.length ? ` OR v.manifest IN (${trees.map(() => '?').join(',')})` : ''}
       ORDER BY m.name, v.version DESC`,
    )
    .all<{ name: string; version: number; output: string | null; run_id: string | null }>(runId, ...trees);
  // one entry per model: the version this run registered, else the newest holding its files
  const best = new Map<string, { name: string; version: number; output: string | null; own: boolean }>();
  for (const r of rows) {
    const own = r.run_id === runId;
    const b = best.get(r.name);
    if (!b || (own && !b.own)) best.set(r.name, { name: r.name, version: r.version, output: r.output, own });
  }
  return [...best.values()].map(({ name, version, output }) => ({ name, version, output }));
}
