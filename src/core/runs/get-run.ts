import { KilnError, type RunDetail, type RunOutputInfo, type RunStageInfo } from '../../shared/contract/index.js';
import type { SqlDatabase } from '../db/sql.js';
import { toRunRows, type RunsRow } from './run-rows.js';

interface StageRow {
  stage: string;
  status: string;
  cache_key: string | null;
  cached: number;
  image_id: string | null;
  exit_code: number | null;
  oom_killed: number;
  error: string | null;
  log_path: string | null;
  started_at: number | null;
  ended_at: number | null;
  position?: number;
}

/** One run for its page: the table row plus stages (pipeline order), outputs and metric names. */
export function getRun(db: SqlDatabase, runId: string): RunDetail {
  const r = db.prepare('SELECT * FROM runs WHERE id = ?').get<RunsRow>(runId);
  if (!r) throw new KilnError('RUN_NOT_FOUND', `no run ${runId} in this workspace: kiln runs ls lists them`);
  const row = toRunRows(db, [r])[0]!;
  const stageRows = db.prepare('SELECT * FROM run_stages WHERE run_id = ?').all<StageRow>(runId);
  stageRows.sort((a, b) => (a.position ?? 0) - (b.position ?? 0) || (a.started_at ?? Infinity) - (b.started_at ?? Infinity));
  const stages: RunStageInfo[] = stageRows.map((s) => ({
    stage: s.stage,
    status: s.status,
    cached: s.cached === 1,
    cacheKey: s.cache_key,
    imageId: s.image_id,
    exitCode: s.exit_code,
    oomKilled: s.oom_killed === 1,
    error: s.error,
    logPath: s.log_path,
    startedAt: s.started_at,
    endedAt: s.ended_at,
    durationMs: s.started_at !== null && s.ended_at !== null ? s.ended_at - s.started_at : null,
  }));
  // run_outputs belongs to pipelines; read it only where it exists
  const hasOutputs = db.prepare("SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = 'run_outputs'").get();
  const outputs = hasOutputs ? db.prepare('SELECT stage, path, digest, tree FROM run_outputs WHERE run_id = ? ORDER BY stage, path').all<RunOutputInfo>(runId) : [];
  const metricNames = db.prepare('SELECT metric FROM metric_summaries WHERE run_id = ? ORDER BY metric').all<{ metric: string }>(runId).map((m) => m.metric);
  return { ...row, pipelineDigest: r.pipeline_digest, stages, outputs, metricNames };
}
