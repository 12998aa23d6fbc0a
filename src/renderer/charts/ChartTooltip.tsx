import { formatNumber } from '../../shared/format.js';
import type { LegendItem } from './ChartLegend';

export interface TooltipAt {
  /** cursor position inside the plot, CSS px */
  left: number;
  top: number;
  /** the plot's width, to flip the box to the cursor's left near the right edge */
  width: number;
}

/** Floats by the cursor: the nearest step (or time) and every series' value there. */
export function ChartTooltip({ at, xLabel, items }: { at: TooltipAt; xLabel: string; items: LegendItem[] }) {
  const flip = at.left > at.width / 2;
  const style = flip ? { right: at.width - at.left + 12, top: at.top + 8 } : { left: at.left + 12, top: at.top + 8 };
  return (
    <div className="kc-tooltip" role="tooltip" style={style}>
      <div className="kc-tooltip-x num">{xLabel}</div>
      {items.map((it, i) => (
        <div key={i} className="kc-tooltip-row">
          <span className="kc-swatch" style={{ background: it.colour }} aria-hidden="true" />
          <span className="ellipsis kc-legend-label">{it.label}</span>
          <span className="num kc-legend-value">{it.value === undefined ? '—' : formatNumber(it.value)}</span>
        </div>
      ))}
    </div>
  );
}
