import type { DeploymentStats } from '../../../shared/contract/index.js';
import { StatusDot } from '../../components/StatusDot';

/** Each replica (Swarm task, Kubernetes pod): its state, health and node, from the latest scrape. */
export function ReplicaTable({ stats }: { stats: DeploymentStats | undefined }) {
  if (!stats) return <div className="muted">Reading the replicas…</div>;
  if (!stats.replicas.length) return <div className="muted">No replica is running.</div>;
  return (
    <table className="table" data-testid="replica-table">
      <thead>
        <tr>
          <th>Replica</th>
          <th>State</th>
          <th>Health</th>
          <th>Node</th>
        </tr>
      </thead>
      <tbody>
        {stats.replicas.map((r) => (
          <tr key={r.id}>
            <td className="mono ellipsis">{r.id.slice(0, 12)}</td>
            <td>{r.state}</td>
            <td>
              <StatusDot tone={r.healthy ? 'ok' : 'bad'} label={r.healthy ? 'healthy' : 'unhealthy'} title={r.error ?? undefined} />
            </td>
            <td className="ellipsis">{r.node ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
