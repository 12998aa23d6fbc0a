import { KilnError, type RunDetail, type RunOutputInfo } from '../../shared/contract/index.js';
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
  return { ...row, pipelineDigest: r.pipeline_digest, stages, outputs, metricNames };
}
