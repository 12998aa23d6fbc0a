import { formatNumber } from '../../shared/format.js';

export interface LegendItem {
  label: string;
  colour: string;
  value: number | null | undefined;
}

/** One entry per run with its value under the cursor (or its last value when not hovering). */
export function ChartLegend({ xLabel, items }: { xLabel: string | null; items: LegendItem[] }) {
  return (
    <div className="kc-legend" aria-live="off">
      <span className="kc-legend-x num">{xLabel ?? '\u00a0'}</span>
      {items.map((it, i) => (
        <span key={i} className="kc-legend-item">
          <span className="kc-swatch" style={{ background: it.colour }} aria-hidden="true" />
          <span className="ellipsis kc-legend-label">{it.label}</span>
          <span className="num kc-legend-value">{it.value === undefined ? '—' : formatNumber(it.value)}</span>
        </span>
      ))}
    </div>
  );
}
