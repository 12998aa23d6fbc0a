import type { JobProgress as JobProgressData } from '../../shared/contract/index.js';
import { useJobs } from '../stores/jobs';
import { ProgressBar } from './ProgressBar';

/**
 * A core job's progress (jobs:progress), with cancel wired to jobs:cancel. `phaseText` words the
 * core's phase for people ("build" as "building image…").
 */
export function JobProgress({
  progress,
  label,
  compact,
  phaseText,
}: {
  progress: JobProgressData;
  label?: string;
  compact?: boolean;
  phaseText?: (phase: string) => string;
}) {
  return (
    <ProgressBar
      label={label}
      phase={phaseText ? phaseText(progress.phase) : progress.phase}
      bytesDone={progress.bytesDone}
      bytesTotal={progress.bytesTotal}
      filesDone={progress.filesDone}
      filesTotal={progress.filesTotal}
      rate={progress.rate}
      etaSeconds={progress.etaSeconds}
      compact={compact}
      onCancel={() => useJobs.getState().cancel(progress.jobId)}
    />
  );
}
