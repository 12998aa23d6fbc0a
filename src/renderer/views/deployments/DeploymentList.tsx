import { Rocket } from 'lucide-react';
import type { Deployment } from '../../../shared/contract/index.js';
import { useDeployments } from '../../stores/deployments';
import { useNavigation } from '../../stores/navigation';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { RelativeTime } from '../../components/RelativeTime';
import { Spinner } from '../../components/Spinner';
import { StatusDot } from '../../components/StatusDot';
import { Button } from '../../components/Button';
import { ReplicaCount } from './ReplicaCount';
import { STATUS_TONE } from './deployment-status';
import { groupDeployments } from './group-deployments';

/** Every model on every target: status, served version, URL, replicas healthy/desired, when. */
export function DeploymentList() {
  const list = useDeployments((s) => s.list);
  const error = useDeployments((s) => s.error);
  const navigate = useNavigation((s) => s.navigate);
  const open = (d: Deployment) => navigate('deployments', { deployment: d.id });
  if (error != null && !list)
    return (
      <div className="dp-page">
        <ErrorBanner error={error} title="Could not list deployments" />
      </div>
    );
  if (!list) return <Spinner />;
  if (!list.length)
    return (
      <div className="dp-page">
        <div className="dp-head">
          <h1>Deployments</h1>
        </div>
        <EmptyState
          icon={<Rocket size={28} />}
          title="Nothing deployed yet"
          hint="Open a model version and press Deploy: Kiln builds a serving image, pushes it, rolls it out on a Swarm or Kubernetes target and keeps it only if it answers like the model does here."
        >
          <Button onClick={() => navigate('models')}>Open Models</Button>
          <Button variant="ghost" onClick={() => navigate('settings')}>
            Add a target in Settings
          </Button>
        </EmptyState>
      </div>
    );
  return (
    <div className="dp-page">
      <div className="dp-head">
        <h1>Deployments</h1>
        <span className="muted">{list.length.toLocaleString('en-US')} in all</span>
      </div>
      <table className="table" data-testid="deployments-table">
        <thead>
          <tr>
            <th>Model</th>
            <th>Target</th>
            <th>Status</th>
            <th className="num">Version</th>
            <th>URL</th>
            <th className="num">Replicas</th>
            <th>Created</th>
            <th className="num">History</th>
          </tr>
        </thead>
        <tbody>
          {groupDeployments(list).map(({ key, current: d, count }) => (
            <tr key={key} className="dp-row" data-testid={`deployment-row-${d.model}-${d.target}`} onClick={() => open(d)}>
              <td>
                <button type="button" className="dp-link" onClick={() => open(d)}>
                  {d.model}
                </button>
              </td>
              <td>
                {d.target} <span className="muted">{d.targetKind}</span>
              </td>
              <td>
                <StatusDot tone={STATUS_TONE[d.status]} label={d.status} title={d.reason ?? undefined} />
              </td>
              <td className="num">v{d.version}</td>
              <td className="mono ellipsis">{d.status === 'live' && d.url ? d.url : <span className="muted">—</span>}</td>
              <td className="num">
                <ReplicaCount d={d} />
              </td>
              <td>
                <RelativeTime t={d.createdAt} />
              </td>
              <td className="num muted">{count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
