import { useEffect, useLayoutEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { themeColours } from './palette';
import { useColorScheme } from './use-color-scheme';
import { useWidth } from './use-width';
import './charts.css';

export interface LiveLine {
  label: string;
  colour: string;
  y: (number | null)[];
}

interface Props {
  title: string;
  testId: string;
  /** Unix ms, ascending */
  x: number[];
  lines: LiveLine[];
  /** axis and legend text of a value */
  format(v: number): string;
  height?: number;
}

/**
 * A small wall-clock chart for samples that arrive every few seconds (a deployment's request rate,
 * latency, errors): no zoom, no core queries; the data is what the caller holds. `data-points`
 * says how many samples it draws, for tests and screen readers alike.
 */
export function LiveChart({ title, testId, x, lines, format, height = 160 }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const shape = useRef('');
  const width = useWidth(host);
  const scheme = useColorScheme();
  const data = [x, ...lines.map((l) => l.y)] as uPlot.AlignedData;

  // every render: new samples go in with setData; a new size, theme or set of lines rebuilds the plot
  useLayoutEffect(() => {
    if (!host.current || width <= 0) return;
    const key = JSON.stringify([width, height, scheme, lines.map((l) => [l.label, l.colour])]);
    if (plot.current && shape.current === key) {
      plot.current.setData(data);
      return;
    }
    plot.current?.destroy();
    shape.current = key;
    const c = themeColours();
    const axis = { stroke: c.text, grid: { stroke: c.grid, width: 1 }, ticks: { stroke: c.grid, width: 1 }, font: '11px system-ui, sans-serif' };
    plot.current = new uPlot(
      {
        width,
        height,
        ms: 1,
        legend: { show: false },
        cursor: { drag: { x: false, y: false }, points: { show: false } },
        scales: { x: { time: true }, y: { range: (_u, min, max) => [Math.min(0, min), max > 0 ? max * 1.1 : 1] } },
        axes: [
          { ...axis, space: 70 },
          { ...axis, size: 64, values: (_u, splits) => splits.map((v) => format(v)) },
        ],
        series: [{}, ...lines.map((l) => ({ label: l.label, stroke: l.colour, width: 1.6, spanGaps: false, points: { show: x.length < 3 } }))],
      },
      data,
      host.current,
    );
  });

  useEffect(
    () => () => {
      plot.current?.destroy();
      plot.current = null;
    },
    [],
  );

  const last = (y: (number | null)[]) => {
    for (let i = y.length - 1; i >= 0; i--) if (y[i] !== null) return y[i];
    return undefined;
  };
  return (
    <div className="kc-chart" data-testid={testId} data-points={x.length}>
      <div className="kc-head">
        <span className="kc-title ellipsis">{title}</span>
      </div>
      <div className="kc-plot" ref={host} style={{ height }} />
      <div className="kc-legend">
        {lines.map((l) => {
          const v = last(l.y);
          return (
            <span key={l.label} className="kc-legend-item">
              <span className="kc-swatch" style={{ background: l.colour }} aria-hidden="true" />
              <span className="ellipsis kc-legend-label">{l.label}</span>
              <span className="num kc-legend-value">{v === undefined || v === null ? '—' : format(v)}</span>
            </span>
          );
        })}
      </div>
    </div>
  );
}
