import { useState } from 'react';
import type { Deployment } from '../../../shared/contract/index.js';
import { useDeployments } from '../../stores/deployments';
import { useJobs } from '../../stores/jobs';
import { useNavigation } from '../../stores/navigation';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { JobProgress } from '../../components/JobProgress';
import { Spinner } from '../../components/Spinner';
import { phaseText } from './deploy-phases';

/** Confirm, then the rollback's progress (roll-out, smoke test), then what serves now. */
export function RollbackDeploymentDialog({ open, d, previous, onClose }: { open: boolean; d: Deployment; previous: Deployment | undefined; onClose(): void }) {
  const task = useDeployments((s) => s.tasks[d.id]);
  const progress = useJobs((s) => (task?.jobId ? s.jobs[task.jobId]?.progress : undefined));
  const navigate = useNavigation((s) => s.navigate);
  const [result, setResult] = useState<Deployment | null>(null);
  const [error, setError] = useState<unknown>(null);
  const running = task?.kind === 'rollback';
  const start = async () => {
    setError(null);
    setResult(null);
    try {
      setResult(await useDeployments.getState().rollback(d.id));
    } catch (e) {
      setError(e);
    }
  };
  const close = () => {
    setResult(null);
    setError(null);
    onClose();
  };
  const to = previous ? `${previous.model} v${previous.version} (#${previous.seq})` : 'the deployment live before it';
  return (
    <Dialog
      open={open}
      title={`Roll back ${d.model} on ${d.target}`}
      onClose={close}
      width={520}
      footer={
        <>
          <Button onClick={close}>{result || error != null ? 'Close' : 'Cancel'}</Button>
          {!result && (
            <Button variant="danger" disabled={running} onClick={() => void start()} data-testid="confirm-rollback">
              {running ? 'Rolling back…' : 'Roll back'}
            </Button>
          )}
        </>
      }
    >
      {!result && (
        <p>
          {d.model} v{d.version} (#{d.seq}) serves on {d.target} now. Rolling back returns the service to {to}: its image again, no rebuild, then the same smoke
          test. If the rollback does not become healthy, v{d.version} keeps serving.
        </p>
      )}
      {running && (progress ? <JobProgress progress={progress} phaseText={phaseText} /> : <Spinner />)}
      {error != null && <ErrorBanner error={error} title="The rollback did not finish" />}
      {result && (
        <div className="dp-result" role="status" data-testid="rollback-result">
          {result.status === 'live' ? (
            <div>
              Rolled back: {result.model} v{result.version} serves again{result.url ? ` at ${result.url}` : ''} (#{result.seq}).
            </div>
          ) : (
            <div>
              The rollback ended {result.status}: {result.reason}
            </div>
          )}
          <div>
            <button
              type="button"
              className="dp-link"
              onClick={() => {
                close();
                navigate('deployments', { deployment: result.id });
              }}
            >
              Open deployment #{result.seq}
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
