import { useState } from 'react';
import { ArrowLeft, ArrowRight } from 'lucide-react';
import type { DiffEntry } from '../../../shared/contract/index.js';
import { useNavigation } from '../../stores/navigation';
import { useDatasetView } from '../../stores/datasets';
import { VirtualList } from '../../components/VirtualList';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Digest } from '../../components/Digest';
import { Spinner } from '../../components/Spinner';
import { formatBytes } from '../../../shared/format.js';
import { TableDiffPanel } from './TableDiffPanel';

const sel = (v: string) => (/^\d+$/.test(v) ? Number(v) : v);
const TABLE = /\.(csv|tsv|tab|json|jsonl|ndjson|parquet|pq)$/i;
/** A changed file whose rows can be compared: a table on both sides. */
const rowDiffable = (e: DiffEntry) => (e.change === 'modified' || e.change === 'renamed') && TABLE.test(e.path);

/** What changed between two versions: counts, bytes new vs reused, and each changed file. */
export function DiffPage({ dataset, from, to }: { dataset: string; from: string; to: string }) {
  const navigate = useNavigation((s) => s.navigate);
  const { data, error, loading } = useDatasetView('datasets:diff', { dataset, from: sel(from), to: sel(to) });
  const s = data?.summary;
  const [picked, setPicked] = useState<string | null>(null);
  // the first changed table opens below the list; another one's Rows cell picks it
  const table = data?.entries.find((e) => rowDiffable(e) && (picked === null || e.path === picked)) ?? null;
  return (
    <div className={`page ${table ? 'page-scroll' : ''}`} data-testid="diff-page">
      <div className="page-head">
        <button
          type="button"
          className="icon-btn"
          aria-label={`Back to ${dataset}`}
          title={`Back to ${dataset}`}
          onClick={() => navigate('datasets', { dataset })}
        >
          <ArrowLeft size={16} />
        </button>
        <h1>
          {dataset} <span className="muted">v{data?.from.version ?? from}</span> <ArrowRight size={14} className="faint" />{' '}
          <span className="muted">v{data?.to.version ?? to}</span>
        </h1>
        {data && (
          <span className="muted">
            <Digest value={data.from.digest} /> → <Digest value={data.to.digest} />
          </span>
        )}
        {loading && <Spinner />}
      </div>
      {error != null && <ErrorBanner error={error} title="Could not compute the diff" />}
      <div className="diff-summary" aria-label="Summary">
        <Stat label="added" value={s?.added} tone="added" />
        <Stat label="removed" value={s?.removed} tone="removed" />
        <Stat label="modified" value={s?.modified} tone="modified" />
        <Stat label="renamed" value={s?.renamed} tone="renamed" />
        <Stat label="unchanged" value={s?.unchanged} />
        <div className="diff-bytes">
          <div className="num">
            <span className="row-strong">{s ? formatBytes(s.bytesNew) : '—'}</span> <span className="muted">new</span> ·{' '}
            <span className="row-strong">{s ? formatBytes(s.bytesReused) : '—'}</span> <span className="muted">reused</span>
          </div>
          <div className="bytes-bar" aria-hidden="true">
            <div className="bytes-new" style={{ width: s && s.bytesNew ? `max(2px, ${(100 * s.bytesNew) / (s.bytesNew + s.bytesReused)}%)` : '0' }} />
          </div>
        </div>
      </div>
      <div className="list-head diff-grid">
        <span>Change</span>
        <span>Path</span>
        <span className="num">Size before</span>
        <span className="num">Size after</span>
        <span className="num">Rows</span>
      </div>
      <div
        className="page-fill"
        style={
          table
            ? // a table's changes below: the list keeps its own height (up to 10 rows) and the page scrolls
              { flex: 'none', height: Math.min(10, Math.max(1, data?.entries.length ?? 1)) * 32 + 1 }
            : { maxHeight: Math.max(1, data?.entries.length ?? 1) * 32 + 1, minHeight: 33 }
        }
      >
        {data && data.entries.length === 0 ? (
          <div className="pane-hint muted">The two versions hold the same files.</div>
        ) : (
          <VirtualList
            items={data?.entries ?? []}
            rowHeight={32}
            label="Changed files"
            getKey={(e) => `${e.change}:${e.path}`}
            render={(e) => (
              <DiffRow
                e={e}
                onOpen={() => e.change !== 'removed' && navigate('datasets', { dataset, version: to, file: e.path })}
                onRows={rowDiffable(e) ? () => setPicked(e.path) : undefined}
                active={table?.path === e.path}
              />
            )}
          />
        )}
      </div>
      {data && table && (
        <TableDiffPanel
          key={table.path}
          dataset={dataset}
          from={data.from.version}
          to={data.to.version}
          path={table.path}
          {...(table.from ? { fromPath: table.from } : {})}
        />
      )}
    </div>
  );
}

function Stat({ label, value, tone }: { label: string; value: number | undefined; tone?: string }) {
  return (
    <div className={`diff-stat ${tone && value ? `tone-${tone}` : ''}`} data-testid={`diff-${label}`}>
      <span className="diff-stat-value num">{value ?? '—'}</span>
      <span className="diff-stat-label">{label}</span>
    </div>
  );
}

function DiffRow({ e, onOpen, onRows, active }: { e: DiffEntry; onOpen(): void; onRows?: () => void; active: boolean }) {
  return (
    <div className="row diff-grid" role="button" tabIndex={0} onClick={onOpen} onKeyDown={(k) => (k.key === 'Enter' ? onOpen() : undefined)}>
      <span className={`change change-${e.change}`}>
        <span className="change-mark" aria-hidden="true">
          {e.change === 'added' ? '+' : e.change === 'removed' ? '−' : e.change === 'renamed' ? '→' : '~'}
        </span>
        {e.change}
      </span>
      <span className="mono ellipsis" title={e.from ? `${e.from} → ${e.path}` : e.path}>
        {e.from ? (
          <>
            <span className="faint">{e.from} → </span>
            {e.path}
          </>
        ) : (
          e.path
        )}
      </span>
      <span className="num muted">{e.sizeBefore === undefined ? '' : formatBytes(e.sizeBefore)}</span>
      <span className="num">{e.sizeAfter === undefined ? '' : formatBytes(e.sizeAfter)}</span>
      <span className="num">
        {e.rows ? (
          <>
            <span className="tone-added">+{e.rows.added.toLocaleString('en-US')}</span>{' '}
            <span className="tone-removed">−{e.rows.removed.toLocaleString('en-US')}</span>
          </>
        ) : (
          ''
        )}{' '}
        {onRows && (
          <button
            type="button"
            className={`link-btn ${active ? 'row-strong' : ''}`}
            aria-label={`Compare the rows of ${e.path}`}
            onClick={(ev) => {
              ev.stopPropagation();
              onRows();
            }}
          >
            rows
          </button>
        )}
      </span>
    </div>
  );
}
