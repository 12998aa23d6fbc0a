import type { Deployment } from '../../../shared/contract/index.js';
import { useLiveStats } from './use-live-stats';

/** "healthy/desired" of a live deployment, from its latest scrape; the desired count alone otherwise. */
export function ReplicaCount({ d }: { d: Deployment }) {
  const live = d.status === 'live';
  const stats = useLiveStats(d.id, live);
  const last = stats.at(-1);
  if (!live) return <span className="muted">{d.replicas}</span>;
  const healthy = last ? last.replicas.filter((r) => r.healthy).length : null;
  return (
    <span title={`${healthy ?? '?'} healthy of ${d.replicas} desired`} data-testid="replicas-healthy">
      {healthy ?? '…'}/{d.replicas}
    </span>
  );
}
