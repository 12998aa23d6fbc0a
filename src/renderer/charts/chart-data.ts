import type uPlot from 'uplot';
import type { MetricSeries } from '../../shared/contract/index.js';
import { alignSeries, type XY } from './align';
import { ema } from './ema';
import { withAlpha } from './palette';

export interface ChartRun {
  runId: string;
  label: string;
  colour: string;
}

export interface ChartSettings {
  xAxis: 'step' | 'time';
  logY: boolean;
  /** EMA weight, 0 = off */
  smoothing: number;
}

export interface Band {
  colour: string;
  x: Float64Array;
  lo: Float64Array;
  hi: Float64Array;
}

export interface BuiltChart {
  data: uPlot.AlignedData;
  series: uPlot.Series[];
  bands: Band[];
  /** per run: what the legend reads at the cursor (the smoothed line when smoothing) */
  lines: (XY & { run: ChartRun })[];
}

function displayY(y: Float64Array, logY: boolean): (number | null)[] {
  const out = new Array<number | null>(y.length);
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    // NaN/Inf are stored and counted by core; drawn as gaps. A log axis cannot show v <= 0.
    out[i] = Number.isFinite(v) && (!logY || v > 0) ? v : null;
  }
  return out;
}

/** Metric series of one or more runs → what uPlot draws: raw (faint when smoothed), smoothed, bands. */
export function buildChart(runs: ChartRun[], series: (MetricSeries | null)[], s: ChartSettings): BuiltChart {
  const xy: XY[] = [];
  const cfg: uPlot.Series[] = [{}];
  const bands: Band[] = [];
  const lines: BuiltChart['lines'] = [];
  runs.forEach((run, i) => {
    const m = series[i];
    if (!m) return;
    const raw = displayY(m.y, s.logY);
    const smooth = s.smoothing > 0;
    xy.push({ x: m.x, y: raw });
    cfg.push({ label: run.label, stroke: smooth ? withAlpha(run.colour, 0.28) : run.colour, width: 1, spanGaps: false, points: { show: false } });
    if (smooth) {
      const sm = ema(raw, s.smoothing);
      xy.push({ x: m.x, y: sm });
      cfg.push({ label: `${run.label} (smoothed)`, stroke: run.colour, width: 1.6, spanGaps: false, points: { show: false } });
      lines.push({ x: m.x, y: sm, run });
    } else lines.push({ x: m.x, y: raw, run });
    if (!m.raw && m.bucketX.length) bands.push({ colour: withAlpha(run.colour, smooth ? 0.12 : 0.1), x: m.bucketX, lo: m.yMin, hi: m.yMax });
  });
  const { x, ys } = alignSeries(xy);
  return { data: [x, ...ys] as uPlot.AlignedData, series: cfg, bands, lines };
}
