import type { StagePlan, StageStaleness } from '../../shared/contract/index.js';

/** What `kiln run --dry-run` shows: per stage, restored from the cache or run, and why. */
export function planStages(staleness: StageStaleness[], force: boolean): StagePlan[] {
  return staleness.map((s) => ({
    stage: s.stage,
    willRun: s.stale || force,
    reason: force ? 'would run: --force' : s.stale ? `would run: ${s.reasons.map((r) => r.message).join('; ')}` : null,
    cacheKey: s.cacheKey,
  }));
}
