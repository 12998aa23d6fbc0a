import type { ChartSettings } from './chart-data';

/** x by step or wall time, log y, and EMA smoothing: shared by every chart on the page. */
export function ChartControls({ settings, onChange }: { settings: ChartSettings; onChange(p: Partial<ChartSettings>): void }) {
  return (
    <div className="kc-controls" role="group" aria-label="chart settings">
      <label>
        x axis
        <select className="input" value={settings.xAxis} onChange={(e) => onChange({ xAxis: e.target.value as ChartSettings['xAxis'] })} aria-label="x axis">
          <option value="step">step</option>
          <option value="time">wall time</option>
        </select>
      </label>
      <label>
        <input type="checkbox" checked={settings.logY} onChange={(e) => onChange({ logY: e.target.checked })} /> log scale
      </label>
      <label title="Exponential moving average; the raw line stays faint behind">
        smoothing
        <input
          type="range"
          min={0}
          max={0.99}
          step={0.01}
          value={settings.smoothing}
          onChange={(e) => onChange({ smoothing: Number(e.target.value) })}
          aria-label="smoothing"
        />
        <span className="num">{settings.smoothing.toFixed(2)}</span>
      </label>
    </div>
  );
}
