import type { ColumnStats as Column } from '../../../shared/contract/index.js';
import { useDatasetView } from '../../stores/datasets';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Spinner } from '../../components/Spinner';
import { useEffect, useState } from 'react';
import { formatBytes, formatNumber } from '../../../shared/format.js';
import { Button } from '../../components/Button';

/** Files up to this size get their statistics as soon as they are opened. */
const AUTO_STATS_BYTES = 8 * 1024 * 1024;

function value(v: number | string | null) {
  if (v === null) return <span className="faint">—</span>;
  return typeof v === 'number' ? (
    formatNumber(v)
  ) : (
    <span className="ellipsis stat-text" title={v}>
      {v}
    </span>
  );
}

/** Per column: type, non-null count, nulls, min, max, mean, distinct estimate. */
export function ColumnStats({ dataset, version, path, size }: { dataset: string; version: number | string; path: string; size?: number }) {
  // statistics read the whole file: big ones wait for a click instead of keeping the engine busy unasked
  const large = (size ?? 0) > AUTO_STATS_BYTES;
  const [asked, setAsked] = useState(false);
  useEffect(() => setAsked(false), [path]);
  // ownOnly: while the next file's statistics load, the previous file's must not stand in for them
  const { data, error, loading } = useDatasetView('datasets:stats', large && !asked ? null : { dataset, version, path }, { ownOnly: true });
  return (
    <section className="card stats" aria-label="Column statistics" data-testid="column-stats" data-for={data ? data.path : undefined}>
      <div className="card-head">
        <h2>Columns</h2>
        {data && <span className="muted num">{`${data.rows.toLocaleString('en-US')} rows · ${data.columns.length} columns`}</span>}
        {loading && <Spinner />}
      </div>
      {data?.sampledRows !== undefined && (
        <div className="card-body stats-sample" data-testid="stats-sample" role="note">
          {`Sampled: values, nulls, min, max, mean and distinct are computed on the first ${data.sampledRows.toLocaleString('en-US')} of ${data.rows.toLocaleString('en-US')} rows.`}
        </div>
      )}
      {large && !asked && (
        <div className="card-body stats-ask">
          <span className="muted">{`Statistics read all ${formatBytes(size)} of this file.`}</span>
          <Button size="small" onClick={() => setAsked(true)}>
            Compute statistics
          </Button>
        </div>
      )}
      {error != null && (
        <div className="card-body">
          <ErrorBanner error={error} title="No statistics" />
        </div>
      )}
      {data && (
        <div className="preview-scroll">
          <table className="table stats-table">
            <colgroup>
              <col className="stats-col-name" />
              <col className="stats-col-type" />
              <col span={6} />
            </colgroup>
            <thead>
              <tr>
                <th>Column</th>
                <th>Type</th>
                <th className="num">Values</th>
                <th className="num">Nulls</th>
                <th className="num">Min</th>
                <th className="num">Max</th>
                <th className="num">Mean</th>
                <th className="num">Distinct ≈</th>
              </tr>
            </thead>
            <tbody>
              {data.columns.map((c: Column) => (
                <tr key={c.name}>
                  <td className="col-name">
                    <span className="ellipsis stat-text" title={c.name}>
                      {c.name}
                    </span>
                  </td>
                  <td>
                    <span className="pill">{c.type}</span>
                  </td>
                  <td className="num">{formatNumber(c.count)}</td>
                  <td className={`num ${c.nulls ? '' : 'faint'}`}>{formatNumber(c.nulls)}</td>
                  <td className="num">{value(c.min)}</td>
                  <td className="num">{value(c.max)}</td>
                  <td className="num">{value(c.mean)}</td>
                  <td className="num">{formatNumber(c.distinct)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
