import { useMemo } from 'react';
import type { MetricInfo } from '../../../shared/contract/index.js';
import { ChartControls } from '../../charts/ChartControls';
import { MetricChart } from '../../charts/MetricChart';
import { MetricValue } from '../../charts/MetricValue';
import { runColour } from '../../charts/palette';
import { useMetrics } from '../../stores/metrics';

/** A chart per metric of one run, plus the metric the user opened, large; live while it runs. */
export function RunCharts({
  runId,
  label,
  metrics,
  focused,
  tick,
}: {
  runId: string;
  label: string;
  metrics: MetricInfo[];
  focused: string | null;
  tick: number;
}) {
  const settings = useMetrics((m) => m.settings);
  const setSettings = useMetrics((m) => m.setSettings);
  const runs = useMemo(() => [{ runId, label, colour: runColour(0) }], [runId, label]);
  if (metrics.length === 0) return null;
  return (
    <div className="kr-charts">
      <ChartControls settings={settings} onChange={setSettings} />
      {focused ? (
        <div className="kr-focused" data-testid="focused-chart">
          <MetricChart key={focused} metric={focused} runs={runs} settings={settings} height={320} tick={tick} />
        </div>
      ) : null}
      <div className="kc-grid">
        {metrics
          .filter((m) => m.metric !== focused)
          .map((m) =>
            m.summary.count === 1 ? (
              <MetricValue key={m.metric} metric={m.metric} summary={m.summary} />
            ) : (
              <MetricChart key={m.metric} metric={m.metric} runs={runs} settings={settings} tick={tick} />
            ),
          )}
      </div>
    </div>
  );
}
