import type { MetricInfo } from '../../../shared/contract/index.js';
import { formatNumber } from '../../../shared/format.js';

/** The run's metrics with their summaries; a click opens that metric's chart large. */
export function RunMetrics({ metrics, focused, onFocus }: { metrics: MetricInfo[]; focused: string | null; onFocus(metric: string): void }) {
  if (metrics.length === 0) return <div className="muted">No metrics logged. A stage logs one by appending JSON lines to the file named by $KILN_METRICS.</div>;
  return (
    <table className="table kr-metrics">
      <thead>
        <tr>
          <th>Metric</th>
          <th className="num">Last</th>
          <th className="num">Min</th>
          <th className="num">Max</th>
          <th className="num">Points</th>
          <th className="num">NaN/Inf</th>
        </tr>
      </thead>
      <tbody>
        {metrics.map((m) => (
          <tr key={m.metric} className="kr-clickable" data-selected={focused === m.metric || undefined} onClick={() => onFocus(m.metric)}>
            <td>
              <button type="button" className="kr-link" data-testid={`metric-${m.metric}`}>
                {m.metric}
              </button>
            </td>
            <td className="num">{formatNumber(m.summary.last)}</td>
            <td className="num">{formatNumber(m.summary.min)}</td>
            <td className="num">{formatNumber(m.summary.max)}</td>
            <td className="num">{m.summary.count.toLocaleString('en-US')}</td>
            <td className="num">{m.summary.nanCount + m.summary.infCount || ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
