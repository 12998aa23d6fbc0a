import { useState } from 'react';
import type { CompareParam } from '../../../shared/contract/index.js';
import type { ChartRun } from '../../charts/chart-data';

/** Params side by side, one column per run; rows where the runs differ are highlighted. */
export function CompareParams({ runs, params }: { runs: ChartRun[]; params: CompareParam[] }) {
  const [onlyDiff, setOnlyDiff] = useState(false);
  const rows = onlyDiff ? params.filter((p) => p.differs) : params;
  const differing = params.filter((p) => p.differs).length;
  return (
    <div className="kr-compare-params">
      <label className="kr-check">
        <input type="checkbox" checked={onlyDiff} onChange={(e) => setOnlyDiff(e.target.checked)} /> only differences ({differing} of {params.length})
      </label>
      <div className="kr-scroll-x">
        <table className="table">
          <thead>
            <tr>
              <th>Param</th>
              {runs.map((r) => (
                <th key={r.runId}>
                  <span className="kc-swatch" style={{ background: r.colour, display: 'inline-block', marginRight: 6 }} />
                  {r.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.key} data-differs={p.differs || undefined} className={p.differs ? 'kr-differs' : undefined}>
                <td className="mono">{p.key}</td>
                {p.values.map((v, i) => (
                  <td key={i} className="mono">
                    {v === null ? <span className="faint">—</span> : String(v)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
