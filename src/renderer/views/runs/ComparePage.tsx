import { useMemo } from 'react';
import { ArrowLeft } from 'lucide-react';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Spinner } from '../../components/Spinner';
import { ChartControls } from '../../charts/ChartControls';
import { MetricChart } from '../../charts/MetricChart';
import { MetricBars, isSingleValue } from '../../charts/MetricValue';
import type { ChartRun } from '../../charts/chart-data';
import { runColour } from '../../charts/palette';
import { useMetrics } from '../../stores/metrics';
import { useNavigation } from '../../stores/navigation';
import { CompareParams } from './CompareParams';
import { CompareSummary } from './CompareSummary';
import { ParallelCoords } from './ParallelCoords';
import { ParamScatter } from './ParamScatter';
import { runLabel } from './run-columns';
import { Section } from './Section';
import { useCompare } from './use-compare';

/** 2–20 runs side by side: params (differences highlighted), deltas against a baseline, overlaid charts. */
export function ComparePage({ runIds, baseline }: { runIds: string[]; baseline?: string }) {
  const navigate = useNavigation((n) => n.navigate);
  const settings = useMetrics((m) => m.settings);
  const setSettings = useMetrics((m) => m.setSettings);
  const { data, error, tick } = useCompare(runIds, baseline);
  const runs: ChartRun[] = useMemo(
    () => (data?.runs ?? []).map((r, i) => ({ runId: r.id, label: runLabel(r.seq, r.name), colour: runColour(i) })),
    [data?.runs],
  );
  const back = () => navigate('runs');
  const baselineIndex = data
    ? Math.max(
        0,
        data.runs.findIndex((r) => r.id === data.baseline),
      )
    : 0;

  return (
    <div className="kr-page" data-testid="compare-page">
      <header className="kr-header">
        <Button variant="ghost" size="small" icon={<ArrowLeft size={14} />} onClick={back} aria-label="All runs" />
        <h1>Compare {runIds.length} runs</h1>
        {data ? (
          <label className="kr-check">
            baseline
            <select
              className="input"
              aria-label="baseline run"
              value={data.baseline}
              onChange={(e) => navigate('runs', { compare: runIds.join(','), baseline: e.target.value })}
            >
              {runs.map((r) => (
                <option key={r.runId} value={r.runId}>
                  {r.label}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <span className="kr-header-actions kr-run-chips">
          {runs.map((r) => (
            <button key={r.runId} type="button" className="kr-run-chip" onClick={() => navigate('runs', { run: r.runId })} title="Open this run">
              <span className="kc-swatch" style={{ background: r.colour }} />
              {r.label}
            </button>
          ))}
        </span>
      </header>
      {error ? <ErrorBanner error={error} title="Could not compare these runs" /> : null}
      {!data && !error ? <Spinner /> : null}
      {data ? (
        <>
          <Section title="Summary">
            <CompareSummary runs={runs} metrics={data.metrics} baselineIndex={baselineIndex} />
          </Section>
          <Section title="Params">
            <CompareParams runs={runs} params={data.params} />
          </Section>
          <Section title="Parallel coordinates">
            <ParallelCoords runs={runs} params={data.params} metrics={data.metrics} />
          </Section>
          <Section title="Param vs metric">
            <ParamScatter runs={runs} params={data.params} metrics={data.metrics} />
          </Section>
          <Section title="Charts" actions={<ChartControls settings={settings} onChange={setSettings} />}>
            <div className="kc-grid">
              {data.metrics.map((m) =>
                isSingleValue(m.summaries) ? (
                  <MetricBars key={m.metric} metric={m.metric} runs={runs} summaries={m.summaries} />
                ) : (
                  <MetricChart key={m.metric} metric={m.metric} runs={runs} settings={settings} tick={tick} />
                ),
              )}
            </div>
          </Section>
        </>
      ) : null}
    </div>
  );
}
