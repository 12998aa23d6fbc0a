import { useIngest } from '../../stores/ingest';
import { useJobs } from '../../stores/jobs';
import { ProgressBar } from '../../components/ProgressBar';
import { ErrorBanner } from '../../components/ErrorBanner';

/** The add in progress (upload, then hashing and storing) with rate, ETA and cancel; or why it failed. */
export function IngestBanner() {
  const active = useIngest((s) => s.active);
  const error = useIngest((s) => s.error);
  const notice = useIngest((s) => s.notice);
  const job = useJobs((s) => (active ? s.jobs[active.jobId] : undefined));
  if (error)
    return (
      <div className="banner-slot">
        <ErrorBanner error={error} title="The version was not added" onDismiss={() => useIngest.getState().clearError()} />
      </div>
    );
  if (!active && notice)
    return (
      <div className="banner-slot">
        <div className="card ingest ingest-notice" role="status" data-testid="ingest-notice">
          <span>{notice}</span>
          <button type="button" className="link-btn" onClick={() => useIngest.getState().clearNotice()}>
            Dismiss
          </button>
        </div>
      </div>
    );
  if (!active) return null;
  const up = active.upload;
  const p = job?.progress;
  return (
    <div className="banner-slot card ingest" data-testid="ingest-progress">
      {active.phase !== 'ingesting' && up ? (
        <ProgressBar
          label={active.phase === 'hashing' ? `Hashing the files for ${active.dataset}` : `Uploading to ${active.dataset} (only what the store lacks)`}
          phase={active.phase}
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
          label={`Adding a version to ${active.dataset}`}
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
