import { useMemo } from 'react';
import type { DeploymentStats } from '../../../shared/contract/index.js';
import { formatNumber } from '../../../shared/format.js';
import { LiveChart } from '../../charts/LiveChart';
import { runColour } from '../../charts/palette';
import { liveSeries } from './live-series';

const ms = (v: number) => `${formatNumber(v * 1000, 3)} ms`;
const perSecond = (v: number) => `${formatNumber(v, 3)}/s`;
const percent = (v: number) => `${formatNumber(v * 100, 3)} %`;

/** Request rate, latency p50/p95 and error rate of a live deployment, one point per pair of scrapes. */
export function LiveCharts({ samples }: { samples: readonly DeploymentStats[] }) {
  const points = useMemo(() => liveSeries(samples), [samples]);
  const x = points.map((p) => p.t);
  const lastError = samples.at(-1)?.scrapeError;
  return (
    <>
      {lastError && <div className="muted">Last scrape of /metrics: {lastError}</div>}
      <div className="dp-charts" data-testid="live-charts">
        <LiveChart
          title="Request rate"
          testId="chart-request-rate"
          x={x}
          lines={[{ label: 'requests', colour: runColour(0), y: points.map((p) => p.rate) }]}
          format={perSecond}
        />
        <LiveChart
          title="Latency"
          testId="chart-latency"
          x={x}
          lines={[
            { label: 'p50', colour: runColour(1), y: points.map((p) => p.p50) },
            { label: 'p95', colour: runColour(3), y: points.map((p) => p.p95) },
          ]}
          format={ms}
        />
        <LiveChart
          title="Error rate"
          testId="chart-error-rate"
          x={x}
          lines={[{ label: 'errors', colour: runColour(4), y: points.map((p) => p.errorRate) }]}
          format={percent}
        />
      </div>
    </>
  );
}
