import type { CompareMetric } from '../../../shared/contract/index.js';
import type { ChartRun } from '../../charts/chart-data';
import { formatNumber } from '../../../shared/format.js';

function delta(d: number | null, rel: number | null): string {
  if (d === null) return '';
  const sign = d > 0 ? '+' : d < 0 ? '−' : '±';
  const pct = rel === null ? '' : ` (${sign}${Math.abs(rel * 100).toFixed(1)}%)`;
  return `${sign}${formatNumber(Math.abs(d))}${pct}`;
}

/** Each metric's last value per run, with its difference from the baseline run. */
export function CompareSummary({ runs, metrics, baselineIndex }: { runs: ChartRun[]; metrics: CompareMetric[]; baselineIndex: number }) {
  if (metrics.length === 0) return <div className="muted">None of these runs logged metrics.</div>;
  return (
    <div className="kr-scroll-x">
      <table className="table kr-deltas">
        <thead>
          <tr>
            <th>Metric (last)</th>
            {runs.map((r, i) => (
              <th key={r.runId} className="num">
                {r.label}
                {i === baselineIndex ? <span className="pill kr-baseline-pill">baseline</span> : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {metrics.map((m) => (
            <tr key={m.metric}>
              <td>{m.metric}</td>
              {m.summaries.map((s, i) => (
                <td key={i} className="num">
                  <div>{s ? formatNumber(s.last) : <span className="faint">—</span>}</div>
                  {i !== baselineIndex && m.deltas[i] !== null ? (
                    <div className="kr-delta" data-sign={Math.sign(m.deltas[i]!)}>
                      {delta(m.deltas[i]!, m.relDeltas[i]!)}
                    </div>
                  ) : null}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
