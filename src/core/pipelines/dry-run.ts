import type { PipelineView, RunResult, StageStaleness } from '../../shared/contract/index.js';

/** What `kiln run --dry-run` shows: per stage, cached or would run, and why. Nothing is recorded. */
export function dryRunResult(p: PipelineView, staleness: StageStaleness[], force: boolean): RunResult {
  const now = Date.now();
  return {
    runId: 'dry-run',
    seq: 0,
    status: 'done',
    pipelineDigest: p.digest,
    error: null,
    startedAt: now,
    endedAt: now,
    dryRun: true,
    stages: staleness.map((s) => ({
      stage: s.stage,
      state: s.stale || force ? 'queued' : 'cached',
      cached: !(s.stale || force),
      cacheKey: s.cacheKey,
      exitCode: null,
      oomKilled: false,
      error: force ? 'would run: --force' : s.stale ? `would run: ${s.reasons.map((r) => r.message).join('; ')}` : null,
      logPath: null,
      startedAt: null,
      endedAt: null,
      gpus: [],
      outputs: {},
      metricPoints: 0,
      malformedMetricLines: 0,
    })),
  };
}
