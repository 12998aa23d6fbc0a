import { useState } from 'react';
import type { Deployment } from '../../../shared/contract/index.js';
import { useDeployments } from '../../stores/deployments';
import { useNavigation } from '../../stores/navigation';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';

/** A live deployment: its service is removed from the cluster; any other: its record is deleted. */
export function RemoveDeploymentDialog({ open, d, onClose }: { open: boolean; d: Deployment; onClose(): void }) {
  const running = useDeployments((s) => s.tasks[d.id]?.kind === 'remove');
  const navigate = useNavigation((s) => s.navigate);
  const [error, setError] = useState<unknown>(null);
  const remove = async () => {
    setError(null);
    try {
      await useDeployments.getState().remove(d.id);
      onClose();
      if (d.status !== 'live') navigate('deployments');
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Dialog
      open={open}
      title={`Remove deployment #${d.seq}`}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="danger" disabled={running} onClick={() => void remove()} data-testid="confirm-remove">
            {running ? 'Removing…' : 'Remove'}
          </Button>
        </>
      }
    >
      <p>
        {d.status === 'live'
          ? `Stops serving ${d.model} v${d.version} on ${d.target}: the service ${d.service} and its replicas are removed. The record stays in the history.`
          : `Deletes the record of #${d.seq} (${d.status}) from the history. Nothing runs for it on ${d.target}.`}
      </p>
      {error != null && <ErrorBanner error={error} title="Could not remove it" />}
    </Dialog>
  );
}
