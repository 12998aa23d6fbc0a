import { useRef, useState } from 'react';
import type { CompareMetric, CompareParam } from '../../../shared/contract/index.js';
import { formatNumber } from '../../../shared/format.js';
import type { ChartRun } from '../../charts/chart-data';
import { useWidth } from '../../charts/use-width';
import { compareAxes, position, type CompareAxis } from './compare-axes';

const H = 260;
const TOP = 34;
const BOTTOM = 24;
const PAD_X = 56;

function axisLabel(a: CompareAxis, v: number): string {
  return a.categories ? (a.categories[Math.round(v)] ?? '') : formatNumber(v, 3);
}

/** One vertical axis per param and metric, one line per run in its colour: which settings led where. */
export function ParallelCoords({ runs, params, metrics }: { runs: ChartRun[]; params: CompareParam[]; metrics: CompareMetric[] }) {
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const [hot, setHot] = useState<string | null>(null);
  const axes = compareAxes(params, metrics);
  if (axes.length < 2) return <div className="muted">Parallel coordinates need at least two params or metrics.</div>;
  const w = Math.max(width, axes.length * 90);
  const gap = (w - 2 * PAD_X) / (axes.length - 1);
  const x = (i: number) => PAD_X + i * gap;
  const y = (a: CompareAxis, v: number) => TOP + (1 - position(a, v)) * (H - TOP - BOTTOM);
  return (
    <div className="kr-scroll-x" ref={box}>
      <svg className="kr-pc" width={w} height={H} role="img" aria-label="Parallel coordinates of params and metrics" data-testid="parallel-coords">
        {runs.map((r, ri) => {
          const pts = axes.flatMap((a, i) => {
            const v = a.values[ri];
            return v === null || v === undefined ? [] : [`${x(i).toFixed(1)},${y(a, v).toFixed(1)}`];
          });
          return (
            <polyline
              key={r.runId}
              data-run={r.runId}
              points={pts.join(' ')}
              fill="none"
              stroke={r.colour}
              strokeWidth={hot === r.runId ? 3 : 1.6}
              opacity={hot && hot !== r.runId ? 0.25 : 0.9}
              onMouseEnter={() => setHot(r.runId)}
              onMouseLeave={() => setHot(null)}
            >
              <title>{r.label}</title>
            </polyline>
          );
        })}
        {axes.map((a, i) => (
          <g key={a.id} data-axis={a.name} data-kind={a.kind} className="kr-pc-axis">
            <line x1={x(i)} x2={x(i)} y1={TOP} y2={H - BOTTOM} />
            <text x={x(i)} y={14} textAnchor="middle" className="kr-pc-name">
              {a.name.length > 16 ? `${a.name.slice(0, 15)}…` : a.name}
              <title>{`${a.kind === 'param' ? 'param' : 'metric (last)'}: ${a.name}`}</title>
            </text>
            {a.categories ? (
              a.categories.map((c, ci) => (
                <text key={c} x={x(i) + 4} y={y(a, ci) + 4} className="kr-pc-tick">
                  {c}
                </text>
              ))
            ) : (
              <>
                <text x={x(i) + 4} y={TOP + 4} className="kr-pc-tick">
                  {axisLabel(a, a.max)}
                </text>
                <text x={x(i) + 4} y={H - BOTTOM + 4} className="kr-pc-tick">
                  {axisLabel(a, a.min)}
                </text>
              </>
            )}
          </g>
        ))}
      </svg>
    </div>
  );
}
