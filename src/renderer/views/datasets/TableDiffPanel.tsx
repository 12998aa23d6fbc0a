import { useState } from 'react';
import type { ColumnStats, PreviewCell, TableDiff } from '../../../shared/contract/index.js';
import { useDatasetView } from '../../stores/datasets';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Spinner } from '../../components/Spinner';

const show = (v: PreviewCell | number | string | null | undefined) => (v === null || v === undefined ? '—' : typeof v === 'number' ? fmtNum(v) : String(v));
function fmtNum(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumSignificantDigits: 6 });
}

/** Below the file level: a table's schema, row and column-statistic changes between two versions. */
export function TableDiffPanel({
  dataset,
  from,
  to,
  path,
  fromPath,
}: {
  dataset: string;
  from: number | string;
  to: number | string;
  path: string;
  fromPath?: string;
}) {
  const [key, setKey] = useState('');
  const input = { dataset, from, to, path, ...(fromPath ? { fromPath } : {}), ...(key ? { key } : {}), limit: 100_000 };
  const { data, error, loading } = useDatasetView('datasets:diff-table', input);
  return (
    <section className="card table-diff" aria-label="Table changes" data-testid="table-diff">
      <div className="card-head">
        <h2 className="mono ellipsis">{path}</h2>
        <label className="field-inline">
          <span className="muted">Match rows by</span>
          <select aria-label="Key column" value={key} onChange={(e) => setKey(e.target.value)}>
            <option value="">row content (no key)</option>
            {(data?.rowColumns ?? (key ? [key] : [])).map((c) => (
              <option key={c} value={c}>
                {data?.keyCandidates.includes(c) ? `${c} (unique)` : c}
              </option>
            ))}
          </select>
        </label>
        {loading && <Spinner />}
      </div>
      <div className="card-body">
        {error != null && <ErrorBanner error={error} title="Could not compare the table" />}
        {data && <Body d={data} />}
      </div>
    </section>
  );
}

function Body({ d }: { d: TableDiff }) {
  const r = d.rows;
  return (
    <>
      {d.limited && (
        <div className="table-diff-note" data-testid="table-diff-limited">
          {`Diff limited to the first ${d.limit.toLocaleString('en-US')} rows of each version (v${d.from.version}: ${d.from.rows.toLocaleString('en-US')}${d.from.truncated ? '+' : ''}, v${d.to.version}: ${d.to.rows.toLocaleString('en-US')}${d.to.truncated ? '+' : ''} rows read).`}
        </div>
      )}
      <div className="diff-summary" aria-label="Row changes">
        <Count label="rows added" value={r.added} tone="added" />
        <Count label="rows removed" value={r.removed} tone="removed" />
        {d.key !== null && <Count label="rows changed" value={r.changed} tone="modified" />}
        <Count label="rows unchanged" value={r.unchanged} />
        <span className="muted">
          {d.key !== null
            ? `matched by ${d.key}${r.duplicateKeys ? `; ${r.duplicateKeys} duplicate keys` : ''}`
            : `matched by row content over ${d.rowColumns.length} common columns; pick a key column to see changed rows`}
        </span>
      </div>
      <Schema d={d} />
      <StatsTable d={d} />
      {d.samples.changed.length > 0 && (
        <RowsTable
          title={`Changed rows${r.changed > d.samples.changed.length ? ` (first ${d.samples.changed.length} of ${r.changed})` : ''}`}
          testId="table-diff-changed"
          columns={d.rowColumns}
          rows={d.samples.changed.map((c) => ({ cells: c.after, before: c.before, changed: new Set(c.changed) }))}
        />
      )}
      {d.samples.added.length > 0 && (
        <RowsTable
          title={`Added rows${r.added > d.samples.added.length ? ` (first ${d.samples.added.length} of ${r.added})` : ''}`}
          testId="table-diff-added"
          tone="added"
          columns={d.rowColumns}
          rows={d.samples.added.map((cells) => ({ cells }))}
        />
      )}
      {d.samples.removed.length > 0 && (
        <RowsTable
          title={`Removed rows${r.removed > d.samples.removed.length ? ` (first ${d.samples.removed.length} of ${r.removed})` : ''}`}
          testId="table-diff-removed"
          tone="removed"
          columns={d.rowColumns}
          rows={d.samples.removed.map((cells) => ({ cells }))}
        />
      )}
    </>
  );
}

function Count({ label, value, tone }: { label: string; value: number; tone?: string }) {
  return (
    <div className={`diff-stat ${tone && value ? `tone-${tone}` : ''}`} data-testid={`table-diff-${label.replace(' ', '-')}`}>
      <span className="diff-stat-value num">{value.toLocaleString('en-US')}</span>
      <span className="diff-stat-label">{label}</span>
    </div>
  );
}

function Schema({ d }: { d: TableDiff }) {
  const s = d.schema;
  if (!s.added.length && !s.removed.length && !s.typeChanges.length) return <p className="muted">Same columns and column types.</p>;
  return (
    <ul className="table-diff-schema" aria-label="Schema changes">
      {s.added.map((c) => (
        <li key={`a${c}`} className="tone-added">
          + column <span className="mono">{c}</span>
        </li>
      ))}
      {s.removed.map((c) => (
        <li key={`r${c}`} className="tone-removed">
          − column <span className="mono">{c}</span>
        </li>
      ))}
      {s.typeChanges.map((t) => (
        <li key={`t${t.name}`} className="tone-modified">
          ~ <span className="mono">{t.name}</span>: {t.before} → {t.after}
        </li>
      ))}
    </ul>
  );
}

const STAT_FIELDS: { k: keyof ColumnStats; label: string }[] = [
  { k: 'type', label: 'Type' },
  { k: 'count', label: 'Count' },
  { k: 'nulls', label: 'Nulls' },
  { k: 'mean', label: 'Mean' },
  { k: 'min', label: 'Min' },
  { k: 'max', label: 'Max' },
  { k: 'distinct', label: 'Distinct' },
];

function StatsTable({ d }: { d: TableDiff }) {
  return (
    <div className="preview-scroll">
      <table className="table preview-table" aria-label="Column statistics changes">
        <thead>
          <tr>
            <th>Column</th>
            {STAT_FIELDS.map((f) => (
              <th key={f.k} className={f.k === 'type' ? undefined : 'num'}>
                {f.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {d.stats.map((s) => (
            <tr key={s.name} data-column={s.name}>
              <td className={`mono ${!s.before ? 'tone-added' : !s.after ? 'tone-removed' : ''}`}>{s.name}</td>
              {STAT_FIELDS.map((f) => {
                const a = s.before?.[f.k];
                const b = s.after?.[f.k];
                const changed = s.before && s.after && show(a) !== show(b);
                return (
                  <td key={f.k} className={`${f.k === 'type' ? '' : 'num'} ${changed ? 'cell-changed' : ''}`}>
                    {!s.before ? show(b) : !s.after ? <span className="faint">{show(a)}</span> : changed ? `${show(a)} → ${show(b)}` : show(b)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RowsTable({
  title,
  testId,
  tone,
  columns,
  rows,
}: {
  title: string;
  testId: string;
  tone?: string;
  columns: string[];
  rows: { cells: PreviewCell[]; before?: PreviewCell[]; changed?: Set<string> }[];
}) {
  return (
    <div className="table-diff-rows" data-testid={testId}>
      <h3 className={tone ? `tone-${tone}` : undefined}>{title}</h3>
      <div className="preview-scroll">
        <table className="table preview-table">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c}>{c}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                {r.cells.map((v, j) => {
                  const changed = r.changed?.has(columns[j]!);
                  return (
                    <td key={j} className={changed ? 'cell-changed' : undefined} title={changed ? `was ${show(r.before?.[j])}` : undefined}>
                      {changed ? (
                        <>
                          <span className="faint strike">{show(r.before?.[j])}</span> {show(v)}
                        </>
                      ) : (
                        show(v)
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
