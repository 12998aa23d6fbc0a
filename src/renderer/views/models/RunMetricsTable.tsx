import type { MetricSummary } from '../../../shared/contract/index.js';
import { formatNumber } from '../../../shared/format.js';

/** The run's metric summary as it was when the version was registered. */
export function RunMetricsTable({ metrics }: { metrics: Record<string, MetricSummary> }) {
  const rows = Object.entries(metrics).sort(([a], [b]) => a.localeCompare(b));
  if (!rows.length) return <div className="muted">No run metrics: the version was not registered from a run, or the run logged none.</div>;
  return (
    <table className="table" aria-label="Run metrics">
      <thead>
        <tr>
          <th>Metric</th>
          <th className="num">Last</th>
          <th className="num">Min</th>
          <th className="num">Max</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([k, m]) => (
          <tr key={k}>
            <td className="mono">{k}</td>
            <td className="num">{formatNumber(m.last)}</td>
            <td className="num">{formatNumber(m.min)}</td>
            <td className="num">{formatNumber(m.max)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
