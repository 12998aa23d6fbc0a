import type { Deployment } from '../../../shared/contract/index.js';
import { formatDuration } from '../../../shared/format.js';
import { RelativeTime } from '../../components/RelativeTime';
import { StatusDot } from '../../components/StatusDot';
import { useNavigation } from '../../stores/navigation';
import { STATUS_TONE } from './deployment-status';

/** Every deployment of one model on one target, newest first; the one on screen is marked. */
export function HistoryTable({ history, current }: { history: readonly Deployment[]; current: string }) {
  const navigate = useNavigation((s) => s.navigate);
  return (
    <table className="table" data-testid="deployment-history">
      <thead>
        <tr>
          <th className="num">#</th>
          <th>Kind</th>
          <th className="num">Version</th>
          <th>Status</th>
          <th>Why</th>
          <th className="num">Took</th>
          <th>Created</th>
        </tr>
      </thead>
      <tbody>
        {history.map((d) => (
          <tr
            key={d.id}
            className={`dp-row ${d.id === current ? 'current' : ''}`}
            aria-current={d.id === current ? 'true' : undefined}
            onClick={() => navigate('deployments', { deployment: d.id })}
          >
            <td className="num">{d.seq}</td>
            <td>{d.kind}</td>
            <td className="num">v{d.version}</td>
            <td>
              <StatusDot tone={STATUS_TONE[d.status]} label={d.status} />
            </td>
            <td className="ellipsis dp-why" title={d.reason ?? undefined}>
              {d.reason ?? ''}
            </td>
            <td className="num">{d.timings.total === undefined ? '—' : formatDuration(d.timings.total * 1000)}</td>
            <td>
              <RelativeTime t={d.createdAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
