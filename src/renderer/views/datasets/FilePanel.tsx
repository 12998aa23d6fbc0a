import type { TreeEntry } from '../../../shared/contract/index.js';
import { Digest } from '../../components/Digest';
import { formatBytes } from '../../../shared/format.js';
import { FilePreview } from './FilePreview';
import { ColumnStats } from './ColumnStats';
import type { FileSource } from './file-source';

const TABULAR = /\.(csv|tsv|json|jsonl|ndjson|parquet)$/i;

/** The selected file: a header, its preview and, for a dataset's tables, column statistics. */
export function FilePanel({ source, path, entry }: { source: FileSource; path: string; entry?: TreeEntry }) {
  return (
    <div className="file-panel">
      <div className="card file-head">
        <span className="row-strong mono ellipsis" title={path}>
          {path}
        </span>
        <div className="topbar-spacer" />
        {entry && <span className="muted num">{formatBytes(entry.size)}</span>}
        {entry && (
          <span className="muted mono" title="permissions">
            {(entry.mode & 0o777).toString(8).padStart(3, '0')}
          </span>
        )}
        {entry?.digest && <Digest value={entry.digest} />}
      </div>
      <FilePreview source={source} path={path} />
      {source.kind === 'dataset' && TABULAR.test(path) && entry && (
        <ColumnStats dataset={source.dataset} version={source.version} path={path} size={entry?.size} />
      )}
    </div>
  );
}
