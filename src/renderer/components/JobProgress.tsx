import type { JobProgress as JobProgressData } from '../../shared/contract/index.js';
import { useJobs } from '../stores/jobs';
import { ProgressBar } from './ProgressBar';

/** A core job's progress (jobs:progress), with cancel wired to jobs:cancel. */
export function JobProgress({ progress, label, compact }: { progress: JobProgressData; label?: string; compact?: boolean }) {
  return (
    <ProgressBar
      label={label}
      phase={progress.phase}
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
