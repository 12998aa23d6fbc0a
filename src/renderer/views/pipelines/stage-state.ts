import type { StageStatus, RunStatus } from '../../../shared/contract/index.js';

/** The word shown next to a stage's dot; the dot's colour comes from `data-state` in CSS. */
export const STAGE_STATE_LABEL: Record<StageStatus, string> = {
  queued: 'queued',
  running: 'running',
  cached: 'cached',
  done: 'done',
  failed: 'failed',
  not_run: 'not run',
  cancelled: 'cancelled',
};

export const RUN_STATUS_LABEL: Record<RunStatus, string> = {
  running: 'running',
  done: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
  interrupted: 'interrupted',
};

export function stateLabel(s: string): string {
  return (STAGE_STATE_LABEL as Record<string, string>)[s] ?? (RUN_STATUS_LABEL as Record<string, string>)[s] ?? s;
}
