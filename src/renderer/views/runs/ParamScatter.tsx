import { useRef, useState } from 'react';
import type { CompareMetric, CompareParam } from '../../../shared/contract/index.js';
import { formatNumber } from '../../../shared/format.js';
import type { ChartRun } from '../../charts/chart-data';
import { useWidth } from '../../charts/use-width';
import { compareAxes, position } from './compare-axes';

const H = 260;
const PAD = { left: 64, right: 20, top: 14, bottom: 40 };
// points keep clear of the axes so the extremes are not cut in half
const INSET = 10;

/** One point per run: a param (x) against a metric's last value (y), both picked by the user. */
export function ParamScatter({ runs, params, metrics }: { runs: ChartRun[]; params: CompareParam[]; metrics: CompareMetric[] }) {
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const axes = compareAxes(params, metrics);
  const xs = axes.filter((a) => a.kind === 'param');
  const ys = axes.filter((a) => a.kind === 'metric');
  // the first param that differs across runs is the likeliest question ("what did lr do?")
  const [xId, setXId] = useState<string | null>(null);
  const [yId, setYId] = useState<string | null>(null);
  const [log, setLog] = useState(false);
  if (xs.length === 0 || ys.length === 0) return <div className="muted">A scatter needs a param and a metric the runs have.</div>;
  const differs = new Set(params.filter((p) => p.differs).map((p) => `params.${p.key}`));
  const xa = xs.find((a) => a.id === xId) ?? xs.find((a) => differs.has(a.id)) ?? xs[0]!;
  const ya = ys.find((a) => a.id === yId) ?? ys[0]!;
  const canLog = !xa.categories && xa.min > 0;
  const useLog = log && canLog;
  const w = Math.max(width, 320);
  const px = (v: number) => PAD.left + INSET + position(xa, v, useLog) * (w - PAD.left - PAD.right - 2 * INSET);
  const py = (v: number) => PAD.top + INSET + (1 - position(ya, v)) * (H - PAD.top - PAD.bottom - 2 * INSET);
  const xTick = (v: number) => (xa.categories ? (xa.categories[v] ?? '') : formatNumber(v, 3));
  const xTicks = xa.categories ? xa.categories.map((_, i) => i) : xa.min === xa.max ? [xa.min] : [xa.min, xa.max];
  const yTicks = ya.min === ya.max ? [ya.min] : [ya.min, ya.max];
  return (
    <div className="kr-scatter">
      <div className="kc-controls">
        <label>
          x param
          <select className="input" aria-label="x param" value={xa.id} onChange={(e) => setXId(e.target.value)}>
            {xs.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          y metric
          <select className="input" aria-label="y metric" value={ya.id} onChange={(e) => setYId(e.target.value)}>
            {ys.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label title={canLog ? undefined : 'needs a numeric param above zero'}>
          <input type="checkbox" checked={useLog} disabled={!canLog} onChange={(e) => setLog(e.target.checked)} /> log x
        </label>
      </div>
      <div ref={box} className="kr-scatter-plot">
        <svg width={w} height={H} role="img" aria-label={`${ya.name} against ${xa.name}`} data-testid="param-scatter">
          <g className="kr-pc-axis">
            <line x1={PAD.left} x2={w - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} />
            <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={H - PAD.bottom} />
          </g>
          {xTicks.map((v) => (
            <text key={`x${v}`} x={px(v)} y={H - PAD.bottom + 14} textAnchor="middle" className="kr-pc-tick">
              {xTick(v)}
            </text>
          ))}
          {yTicks.map((v) => (
            <text key={`y${v}`} x={PAD.left - 6} y={py(v) + 4} textAnchor="end" className="kr-pc-tick">
              {formatNumber(v, 3)}
            </text>
          ))}
          <text x={(PAD.left + w - PAD.right) / 2} y={H - 6} textAnchor="middle" className="kr-pc-name">
            {xa.name}
          </text>
          <text
            x={12}
            y={(PAD.top + H - PAD.bottom) / 2}
            textAnchor="middle"
            className="kr-pc-name"
            transform={`rotate(-90 12 ${(PAD.top + H - PAD.bottom) / 2})`}
          >
            {ya.name}
          </text>
          {runs.map((r, i) => {
            const xv = xa.values[i];
            const yv = ya.values[i];
            if (xv === null || xv === undefined || yv === null || yv === undefined) return null;
            return (
              <circle key={r.runId} data-run={r.runId} cx={px(xv)} cy={py(yv)} r={5} fill={r.colour} stroke="var(--surface)" strokeWidth={1}>
                <title>{`${r.label}: ${xa.name} ${xTick(xv)}, ${ya.name} ${formatNumber(yv)}`}</title>
              </circle>
            );
          })}
        </svg>
      </div>
    </div>
  );
}
