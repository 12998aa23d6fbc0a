import type { RunStageInfo, StageStatus } from '../../shared/contract/index.js';

/** A run_stages row as stored. */
export interface StageRow {
  run_id: string;
  stage: string;
  status: StageStatus;
  cache_key: string | null;
  cached: number;
  image_id: string | null;
  exit_code: number | null;
  oom_killed: number;
  error: string | null;
  log_path: string | null;
  started_at: number | null;
  ended_at: number | null;
  key_json: string | null;
  gpus_json: string;
  metric_points: number;
  malformed_metrics: number;
  position: number;
}

/** The one stage shape, from its row and its outputs (path → stored tree, or folder digest until stored). */
export function toRunStage(s: StageRow, outputs: Record<string, string>): RunStageInfo {
  return {
    stage: s.stage,
    status: s.status,
    cached: s.cached === 1,
    cacheKey: s.cache_key,
    imageId: s.image_id,
    codeDigest: codeOf(s.key_json),
    exitCode: s.exit_code,
    oomKilled: s.oom_killed === 1,
    error: s.error,
    logPath: s.log_path,
    startedAt: s.started_at,
    endedAt: s.ended_at,
    durationMs: s.started_at !== null && s.ended_at !== null ? s.ended_at - s.started_at : null,
    gpus: parseList(s.gpus_json),
    outputs,
    metricPoints: s.metric_points,
    malformedMetricLines: s.malformed_metrics,
  };
}

function codeOf(keyJson: string | null): string | null {
  if (!keyJson) return null;
  try {
    const code = (JSON.parse(keyJson) as { code?: unknown }).code;
    return typeof code === 'string' ? code : null;
  } catch {
    return null;
  }
}

function parseList(json: string): string[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
