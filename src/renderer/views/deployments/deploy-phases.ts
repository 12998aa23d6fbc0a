/** The steps of a deploy as the dialog shows them, and the core job phases each covers. */
export const DEPLOY_STEPS: { label: string; phases: string[] }[] = [
  { label: 'check target', phases: ['checking the target'] },
  { label: 'build', phases: ['build'] },
  { label: 'push', phases: ['push'] },
  { label: 'roll-out & health', phases: ['rollout'] },
  { label: 'smoke test', phases: ['smoke test'] },
];

/** Index of the step a job phase belongs to; -1 before the first report (or for `rollback`, which ends it). */
export function stepOf(phase: string | undefined): number {
  return phase === undefined ? -1 : DEPLOY_STEPS.findIndex((s) => s.phases.includes(phase));
}

const PHASE_TEXT: Record<string, string> = {
  'checking the target': 'checking the target…',
  build: 'building image…',
  push: 'pushing image…',
  rollout: 'rolling out…',
  'smoke test': 'running the smoke test…',
  rollback: 'rolling back…',
};

/** A deploy job's phase as the progress bar words it; an unknown phase shows as the core names it. */
export function phaseText(phase: string): string {
  return PHASE_TEXT[phase] ?? phase;
}
