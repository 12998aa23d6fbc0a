import type uPlot from 'uplot';
import { formatNumber } from '../../shared/format.js';
import type { ChartSettings } from './chart-data';
import { themeColours } from './palette';

interface Args {
  width: number;
  height: number;
  settings: ChartSettings;
  series: uPlot.Series[];
  plugins: uPlot.Plugin[];
  onZoom(min: number, max: number): void;
  onReset(): void;
  /** x under the cursor and the cursor's position in the plot (CSS px), null when it leaves */
  onCursor(at: { x: number; left: number; top: number } | null): void;
  /** the x ticks just drawn (tests and the tooltip read them) */
  onDraw(xTicks: number[]): void;
}

// steps are whole numbers: x ticks only at integer increments (1, 2, 5, 10, …), never "1.5"
const STEP_INCRS = [1, 2, 5].flatMap((m) => Array.from({ length: 13 }, (_, e) => m * 10 ** e)).sort((a, b) => a - b);

/** uPlot's options for a metric chart: themed axes, drag-to-zoom on x, double-click reset, no built-in legend. */
export function chartOptions(a: Args): uPlot.Options {
  const c = themeColours();
  const step = a.settings.xAxis === 'step';
  let xTicks: number[] = [];
  const axis = { stroke: c.text, grid: { stroke: c.grid, width: 1 }, ticks: { stroke: c.grid, width: 1 }, font: '11px system-ui, sans-serif' };
  return {
    width: a.width,
    height: a.height,
    // x by wall time arrives in Unix milliseconds
    ms: 1,
    legend: { show: false },
    cursor: {
      drag: { x: true, y: false, setScale: false },
      // our double-click re-asks core for the whole series; uPlot's would only rescale what is loaded
      bind: { dblclick: () => null },
      points: { show: false },
    },
    select: { show: true, left: 0, top: 0, width: 0, height: 0 },
    scales: { x: { time: a.settings.xAxis === 'time' }, y: a.settings.logY ? { distr: 3 } : {} },
    axes: [
      {
        ...axis,
        space: 60,
        ...(step
          ? {
              incrs: STEP_INCRS,
              values: (_u: uPlot, splits: number[]) => {
                xTicks = splits;
                return splits.map((v) => Math.round(v).toLocaleString('en-US'));
              },
            }
          : {}),
      },
      { ...axis, size: 58, values: (_u, splits) => splits.map((v) => formatNumber(v, 3)) },
    ],
    series: a.series,
    plugins: a.plugins,
    hooks: {
      setSelect: [
        (u) => {
          const { left, width } = u.select;
          if (width > 3) {
            const min = u.posToVal(left, 'x');
            const max = u.posToVal(left + width, 'x');
            // zoom at once on what is loaded; the new range's raw points follow from core
            u.setScale('x', { min, max });
            a.onZoom(min, max);
          }
          u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
        },
      ],
      setCursor: [
        (u) => {
          const left = u.cursor.left;
          const top = (u.cursor.top ?? 0) + u.over.offsetTop;
          // cursor.left is inside the plotting area; the tooltip is placed in the whole chart
          a.onCursor(left === undefined || left < 0 ? null : { x: u.posToVal(left, 'x'), left: left + u.over.offsetLeft, top });
        },
      ],
      ready: [(u) => u.over.addEventListener('dblclick', () => a.onReset())],
      draw: [() => a.onDraw(xTicks)],
    },
  };
}
