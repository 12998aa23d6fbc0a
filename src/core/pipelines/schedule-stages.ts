import type { StageStatus } from '../../shared/contract/index.js';

/** How a stage ended (a scheduled stage never stays queued or running). */
export type StageOutcome = Exclude<StageStatus, 'queued' | 'running'>;

export interface StageScheduleHooks {
  /** Runs a stage whose upstream all succeeded; resolves to how it ended. */
  run(stage: string): Promise<StageOutcome>;
  /** A stage that will not run: an upstream stage did not succeed, or the run was cancelled first. */
  skip(stage: string, outcome: 'not_run' | 'cancelled', why: string): void;
}

const succeeded = (o: StageOutcome) => o === 'done' || o === 'cached';

/**
 * The order of a run, and nothing else: each stage starts as soon as every stage it reads from
 * has ended, so independent stages run side by side (what may actually run at once is the
 * executor's business: CPUs, memory, GPUs). A stage after a failed or cancelled one is not run.
 * `stages` must be in topological order and `upstream` must name only stages in it.
 * If `run` throws, the other stages still end before the first error is rethrown.
 */
export async function scheduleStages(
  stages: string[],
  upstream: (stage: string) => string[],
  hooks: StageScheduleHooks,
  signal: AbortSignal,
): Promise<Map<string, StageOutcome>> {
  const ended = new Map<string, Promise<StageOutcome>>();
  const errors: unknown[] = [];
  const one = async (stage: string): Promise<StageOutcome> => {
    const ups = upstream(stage);
    const before = await Promise.all(ups.map((u) => ended.get(u) ?? Promise.reject(new Error(`stage ${u} (upstream of ${stage}) is not scheduled before it`))));
    if (signal.aborted) {
      hooks.skip(stage, 'cancelled', 'the run was cancelled');
      return 'cancelled';
    }
    const bad = ups.findIndex((_, i) => !succeeded(before[i]!));
    if (bad !== -1) {
      hooks.skip(stage, 'not_run', `not run: upstream stage "${ups[bad]}" ${before[bad] === 'cancelled' ? 'was cancelled' : 'did not succeed'}`);
      return 'not_run';
    }
    try {
      return await hooks.run(stage);
    } catch (e) {
      errors.push(e);
      return 'failed';
    }
  };
  for (const s of stages) ended.set(s, one(s));
  const outcomes = await Promise.all(stages.map((s) => ended.get(s)!));
  if (errors.length) throw errors[0];
  return new Map(stages.map((s, i) => [s, outcomes[i]!]));
}
