import { useModelRegister } from '../../stores/model-register';
import { useJobs } from '../../stores/jobs';
import { ProgressBar } from '../../components/ProgressBar';
import { ErrorBanner } from '../../components/ErrorBanner';

/** A register in progress (upload, then hashing and format detection) with rate, ETA and cancel; or why it failed. */
export function RegisterBanner() {
  const active = useModelRegister((s) => s.active);
  const error = useModelRegister((s) => s.error);
  const job = useJobs((s) => (active ? s.jobs[active.jobId] : undefined));
  if (error)
    return (
      <div className="banner-slot">
        <ErrorBanner error={error} title="The model was not registered" onDismiss={() => useModelRegister.getState().clearError()} />
      </div>
    );
  if (!active) return null;
  const up = active.upload;
  const p = job?.progress;
  return (
    <div className="banner-slot card ingest" data-testid="register-progress">
      {active.phase === 'uploading' && up ? (
        <ProgressBar
          label={`Uploading a version of ${active.name}`}
          phase="uploading"
          bytesDone={up.bytesDone}
          bytesTotal={up.bytesTotal}
          filesDone={up.filesDone}
          filesTotal={up.filesTotal}
          rate={up.rate}
          etaSeconds={up.etaSeconds}
          onCancel={active.cancel}
        />
      ) : (
        <ProgressBar
          label={`Registering a version of ${active.name}`}
          phase={p?.phase ?? 'starting'}
          bytesDone={p?.bytesDone ?? 0}
          bytesTotal={p?.bytesTotal ?? null}
          filesDone={p?.filesDone}
          filesTotal={p?.filesTotal}
          rate={p?.rate}
          etaSeconds={p?.etaSeconds}
          onCancel={active.cancel}
        />
      )}
    </div>
  );
}
