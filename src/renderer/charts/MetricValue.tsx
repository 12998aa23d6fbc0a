import type { MetricSummary } from '../../shared/contract/index.js';
import { formatNumber } from '../../shared/format.js';

/** A metric logged once (test_accuracy): its value, large, not an empty chart with one dot. */
export function MetricValue({ metric, summary }: { metric: string; summary: MetricSummary }) {
  return (
    <div className="kc-chart kc-value" data-testid={`value-${metric}`} role="group" aria-label={`${metric}: one value`}>
      <div className="kc-title">{metric}</div>
      <div className="kc-value-number num">{formatNumber(summary.last)}</div>
      <div className="faint">logged once{summary.lastStep !== null ? `, at step ${summary.lastStep}` : ''}</div>
    </div>
  );
}

export interface BarRun {
  runId: string;
  label: string;
  colour: string;
}

/** A metric each run logged once, across the compared runs: one bar per run, its value written on it. */
export function MetricBars({ metric, runs, summaries }: { metric: string; runs: BarRun[]; summaries: (MetricSummary | null)[] }) {
  const values = summaries.map((s) => (s?.last !== null && s?.last !== undefined && Number.isFinite(s.last) ? s.last : null));
  const top = Math.max(...values.map((v) => Math.abs(v ?? 0)), Number.MIN_VALUE);
  return (
    <div className="kc-chart kc-bars" role="group" aria-label={`${metric}: one value per run`}>
      <div className="kc-title">{metric}</div>
      {runs.map((r, i) => (
        <div key={r.runId} className="kc-bar-row" data-testid={`bar-${metric}-${i}`}>
          <span className="ellipsis kc-bar-label" title={r.label}>
            {r.label}
          </span>
          <span className="kc-bar-track">
            {values[i] !== null ? <span className="kc-bar" style={{ width: `${(Math.abs(values[i]!) / top) * 100}%`, background: r.colour }} /> : null}
          </span>
          <span className="num kc-bar-value">{values[i] !== null ? formatNumber(values[i]) : '—'}</span>
        </div>
      ))}
    </div>
  );
}

/** Whether every run that has the metric logged it exactly once (a value, not a curve). */
export function isSingleValue(summaries: (MetricSummary | null)[]): boolean {
  const present = summaries.filter((s): s is MetricSummary => !!s);
  return present.length > 0 && present.every((s) => s.count === 1);
}
