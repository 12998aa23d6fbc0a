import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { Download, ImageDown, RotateCcw } from 'lucide-react';
import { ErrorBanner } from '../components/ErrorBanner';
import { Spinner } from '../components/Spinner';
import { nearestIndex } from './align';
import { bandsPlugin } from './bands-plugin';
import { buildChart, type BuiltChart, type ChartRun, type ChartSettings } from './chart-data';
import { ChartLegend, type LegendItem } from './ChartLegend';
import { ChartTooltip } from './ChartTooltip';
import { exportCsv, exportPng } from './export';
import { chartOptions } from './chart-options';
import { SeriesNote } from './SeriesNote';
import { useSeries } from './use-series';
import { useWidth } from './use-width';
import { useColorScheme } from './use-color-scheme';
import './charts.css';

interface Props {
  metric: string;
  runs: ChartRun[];
  settings: ChartSettings;
  height?: number;
  /** bump to re-query (live runs) */
  tick?: number;
  title?: ReactNode;
}

function formatX(x: number, axis: 'step' | 'time'): string {
  return axis === 'time' ? new Date(x).toLocaleString() : `step ${Math.round(x).toLocaleString('en-US')}`;
}

/**
 * One metric of one or more runs on a canvas (uPlot). Core reduces each series to the plot's
 * width; dragging zooms and asks again for the new range, so a zoomed view shows raw points;
 * a double-click goes back to the whole series.
 */
export function MetricChart({ metric, runs, settings, height = 220, tick = 0, title }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const built = useRef<BuiltChart | null>(null);
  const shape = useRef('');
  const draws = useRef(0);
  const width = useWidth(host);
  const scheme = useColorScheme();
  const [range, setRange] = useState<[number, number] | null>(null);
  const [hover, setHover] = useState<{ x: number; left: number; top: number } | null>(null);
  const hoverX = hover?.x ?? null;
  const [lines, setLines] = useState<BuiltChart['lines']>([]);
  const runIds = useMemo(() => runs.map((r) => r.runId), [runs]);

  useEffect(() => setRange(null), [metric, settings.xAxis, runIds.join(',')]);
  const { series, error, loading } = useSeries({ runIds, metric, xAxis: settings.xAxis, range, width: Math.max(0, width - 60), tick });

  useLayoutEffect(() => {
    if (!series || !host.current || width <= 0) return;
    const b = buildChart(runs, series, settings);
    built.current = b;
    setLines(b.lines);
    const key = JSON.stringify([settings, runs, height, width, b.series.length, scheme]);
    const u = plot.current;
    if (u && shape.current === key) {
      u.setData(b.data, !range);
      if (range) u.setScale('x', { min: range[0], max: range[1] });
      return;
    }
    u?.destroy();
    shape.current = key;
    let frame = 0;
    const opts = chartOptions({
      width,
      height,
      settings,
      series: b.series,
      plugins: [
        bandsPlugin(
          () => built.current?.bands ?? [],
          () => settings.logY,
        ),
      ],
      onZoom: (min, max) => setRange([min, max]),
      onReset: () => setRange(null),
      onCursor: (at) => {
        cancelAnimationFrame(frame);
        frame = requestAnimationFrame(() => setHover(at));
      },
      onDraw: (xTicks) => {
        draws.current++;
        if (box.current) {
          box.current.dataset.drawn = String(draws.current);
          box.current.dataset.xTicks = xTicks.join(',');
        }
      },
    });
    plot.current = new uPlot(opts, b.data, host.current);
    if (range) plot.current.setScale('x', { min: range[0], max: range[1] });
  }, [series, settings, width, height, scheme]);

  useEffect(
    () => () => {
      plot.current?.destroy();
      plot.current = null;
    },
    [],
  );

  // the tooltip snaps to the point nearest the cursor (over all series), then reads every series there
  let snapX: number | null = null;
  if (hoverX !== null)
    for (const l of lines) {
      const i = nearestIndex(l.x, hoverX);
      if (i >= 0 && (snapX === null || Math.abs(l.x[i]! - hoverX) < Math.abs(snapX - hoverX))) snapX = l.x[i]!;
    }
  const legend: LegendItem[] = lines.map((l) => {
    let value: number | null | undefined;
    if (snapX !== null) {
      const i = nearestIndex(l.x, snapX);
      value = i < 0 ? undefined : l.y[i];
    } else {
      for (let i = l.y.length - 1; i >= 0 && value === undefined; i--) if (l.y[i] !== null) value = l.y[i];
    }
    return { label: l.run.label, colour: l.run.colour, value };
  });

  return (
    <div className="kc-chart" ref={box} data-testid={`chart-${metric}`} data-metric={metric}>
      <div className="kc-head">
        <span className="kc-title ellipsis">{title ?? metric}</span>
        {loading ? <Spinner size={12} /> : null}
        <SeriesNote series={series} />
        <span className="kc-actions">
          {range ? (
            <button type="button" className="icon-btn" title="Reset zoom (double-click the chart)" aria-label="Reset zoom" onClick={() => setRange(null)}>
              <RotateCcw size={14} />
            </button>
          ) : null}
          <button
            type="button"
            className="icon-btn"
            title="Export as PNG"
            aria-label="Export PNG"
            onClick={() => plot.current && exportPng(plot.current.ctx.canvas, `${metric}`)}
          >
            <ImageDown size={14} />
          </button>
          <button type="button" className="icon-btn" title="Export every point as CSV" aria-label="Export CSV" onClick={() => void exportCsv(runs, metric)}>
            <Download size={14} />
          </button>
        </span>
      </div>
      {error ? <ErrorBanner error={error} title={`Could not load ${metric}`} /> : null}
      <div className="kc-frame">
        <div className="kc-axis-title kc-axis-y ellipsis" data-testid="y-axis-title">
          {metric}
        </div>
        <div className="kc-plot-wrap">
          <div className="kc-plot" ref={host} style={{ height }} />
          {hover && snapX !== null ? <ChartTooltip at={{ ...hover, width }} xLabel={formatX(snapX, settings.xAxis)} items={legend} /> : null}
        </div>
        <div className="kc-axis-title kc-axis-x" data-testid="x-axis-title">
          {settings.xAxis}
        </div>
      </div>
      <ChartLegend xLabel={snapX === null ? null : formatX(snapX, settings.xAxis)} items={legend} />
    </div>
  );
}
