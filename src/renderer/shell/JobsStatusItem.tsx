import { useJobs, runningJobs } from '../stores/jobs';
import { ProgressBar } from '../components/ProgressBar';

/** Background jobs: the first running one with its progress and cancel, then "+N more". */
export function JobsStatusItem() {
  const jobs = useJobs((s) => s.jobs);
  const running = runningJobs(jobs);
  const first = running[0];
  if (!first) return <span className="statusbar-item faint statusbar-jobs">No background jobs</span>;
  const p = first.progress;
  const cancel = () => useJobs.getState().cancel(first.jobId);
  return (
    <div className="statusbar-item statusbar-jobs" data-testid="jobs-status">
      <ProgressBar
        compact
        label={first.title}
        phase={p?.phase}
        bytesDone={p?.bytesDone ?? 0}
        bytesTotal={p?.bytesTotal ?? null}
        rate={p?.rate}
        etaSeconds={p?.etaSeconds}
        onCancel={cancel}
      />
      {running.length > 1 && <span className="muted">+{running.length - 1} more</span>}
    </div>
  );
}
