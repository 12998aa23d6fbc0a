import type { ModelTask } from '../../stores/models';
import { useJobs } from '../../stores/jobs';
import { api } from '../../api/client';
import { ProgressBar } from '../../components/ProgressBar';

/** An evaluation (or the one a promotion runs first): phase, rows done, rate, ETA and cancel. */
export function TaskProgress({ task }: { task: ModelTask }) {
  const job = useJobs((s) => s.jobs[task.jobId]);
  const p = job?.progress;
  const label = task.kind === 'validate' ? `Evaluating ${task.ref}` : `Promoting ${task.ref} to ${task.alias ?? ''}`;
  return (
    <div className="card km-task" data-testid="model-task">
      <ProgressBar
        label={label}
        phase={p?.message ?? p?.phase ?? 'starting'}
        bytesDone={p?.bytesDone ?? 0}
        bytesTotal={p?.bytesTotal ?? null}
        filesDone={p?.filesDone}
        filesTotal={p?.filesTotal}
        itemLabel="rows"
        rate={p?.rate}
        etaSeconds={p?.etaSeconds}
        onCancel={() => void api.invoke('jobs:cancel', { jobId: task.jobId }).catch(() => undefined)}
      />
    </div>
  );
}
