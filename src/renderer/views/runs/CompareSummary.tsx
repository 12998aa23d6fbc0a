import type { CompareMetric } from '../../../shared/contract/index.js';
import type { ChartRun } from '../../charts/chart-data';
import { formatDelta, formatNumber } from '../../../shared/format.js';
import { goalOf, useMetricGoals, verdict, type Goal } from './metric-goals';

/** Each metric's last value per run, with its difference from the baseline run, coloured by the metric's goal. */
export function CompareSummary({ runs, metrics, baselineIndex }: { runs: ChartRun[]; metrics: CompareMetric[]; baselineIndex: number }) {
  const chosen = useMetricGoals((g) => g.chosen);
  const setGoal = useMetricGoals((g) => g.set);
  if (metrics.length === 0) return <div className="muted">None of these runs logged metrics.</div>;
  return (
    <div className="kr-scroll-x">
      <table className="table kr-deltas">
        <thead>
          <tr>
            <th>Metric (last)</th>
            <th title="Whether lower or higher is better: colours the deltas">Goal</th>
            {runs.map((r, i) => (
              <th key={r.runId} className="num">
                {r.label}
                {i === baselineIndex ? <span className="pill kr-baseline-pill">baseline</span> : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {metrics.map((m) => {
            const goal = goalOf(chosen, m.metric);
            const base = m.summaries[baselineIndex]?.last ?? null;
            return (
              <tr key={m.metric} data-metric={m.metric}>
                <td>{m.metric}</td>
                <td>
                  <select
                    className="input kr-goal"
                    aria-label={`goal for ${m.metric}`}
                    value={goal}
                    onChange={(e) => setGoal(m.metric, e.target.value as Goal)}
                  >
                    <option value="min">min ↓</option>
                    <option value="max">max ↑</option>
                  </select>
                </td>
                {m.summaries.map((s, i) => {
                  const d = m.deltas[i];
                  return (
                    <td key={i} className="num">
                      <div>{s ? formatNumber(s.last) : <span className="faint">—</span>}</div>
                      {i !== baselineIndex && d !== null && d !== undefined ? (
                        <div className="kr-delta" data-testid="delta" data-verdict={verdict(d, goal)}>
                          {formatDelta(d, base)}
                        </div>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
