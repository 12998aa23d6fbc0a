import { useMemo, useState } from 'react';
import { ArrowLeft, GitCompare, Upload } from 'lucide-react';
import { PushDialog } from '../push/PushDialog';
import { useNavigation } from '../../stores/navigation';
import { useDatasetView } from '../../stores/datasets';
import { Digest } from '../../components/Digest';
import { RelativeTime } from '../../components/RelativeTime';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Button } from '../../components/Button';
import { formatBytes } from '../../../shared/format.js';
import { FileTree } from './FileTree';
import { FilePanel } from './FilePanel';
import { treeWithChanges } from './tree-changes';

/** A version: its header, its file tree (sizes) and the selected file's preview and column stats. */
export function VersionPage({ dataset, version, file }: { dataset: string; version: string; file?: string }) {
  const navigate = useNavigation((s) => s.navigate);
  const sel = /^\d+$/.test(version) ? Number(version) : version;
  const meta = useDatasetView('datasets:version', { dataset, version: sel });
  const tree = useDatasetView('datasets:tree', { dataset, version: sel });
  const v = meta.data;
  // files marked against the previous version (paths only: no row counting here)
  const diff = useDatasetView('datasets:diff', v?.parent ? { dataset, from: v.parent, to: v.version, rows: false } : null);
  const marked = useMemo(() => treeWithChanges(tree.data?.entries ?? [], v?.parent ? diff.data : null), [tree.data, diff.data, v?.parent]);
  const [pushing, setPushing] = useState(false);
  return (
    <div className="page">
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
          {dataset} <span className="muted">v{v?.version ?? version}</span>
        </h1>
        {v?.tags.map((t) => (
          <span key={t} className="pill">
            {t}
          </span>
        ))}
        <Digest value={v?.digest} />
        <div className="topbar-spacer" />
        {v?.parent && (
          <Button icon={<GitCompare size={14} />} onClick={() => navigate('datasets', { dataset, from: String(v.parent), to: String(v.version) })}>
            Diff with v{v.parent}
          </Button>
        )}
        {v && (
          <Button icon={<Upload size={14} />} onClick={() => setPushing(true)}>
            Push…
          </Button>
        )}
      </div>
      {v && (
        <PushDialog
          open={pushing}
          onClose={() => setPushing(false)}
          subject={{ kind: 'dataset', dataset, version: v.version }}
          suggestion={`127.0.0.1:5000/${dataset.toLowerCase()}:${v.version}`}
        />
      )}
      <div className="version-meta muted num">
        <span>{v ? v.message || 'no message' : '…'}</span>
        {v && (
          <>
            <span>·</span>
            <span>
              {v.files.toLocaleString('en-US')} files, {formatBytes(v.bytes)}
            </span>
            <span>·</span>
            <span title="bytes this version added to the store">{formatBytes(v.bytesNew)} new</span>
            <span>·</span>
            <RelativeTime t={v.createdAt} />
            {v.author && <span>by {v.author}</span>}
          </>
        )}
      </div>
      {meta.error != null && <ErrorBanner error={meta.error} title={`Could not open ${dataset}@${version}`} />}
      {tree.error != null && meta.error == null && <ErrorBanner error={tree.error} title="Could not read the file tree" />}
      <div className="version-body">
        <div className="tree-pane card">
          {v?.parent && diff.data && (
            <div className="tree-changes muted num" data-testid="tree-changes">
              {`vs v${v.parent}: ${diff.data.summary.added} added · ${diff.data.summary.modified + diff.data.summary.renamed} changed · ${diff.data.summary.removed} removed`}
            </div>
          )}
          <FileTree
            entries={marked.entries}
            changes={marked.changes}
            selected={file}
            onSelect={(path) =>
              // a removed file opens in the previous version, which still holds it
              marked.changes?.get(path) === 'removed' && v?.parent
                ? navigate('datasets', { dataset, version: String(v.parent), file: path })
                : navigate('datasets', { dataset, version, file: path })
            }
          />
        </div>
        <div className="file-pane">
          {file ? (
            <FilePanel source={{ kind: 'dataset', dataset, version: sel }} path={file} entry={tree.data?.entries.find((e) => e.path === file)} />
          ) : (
            <div className="card pane-hint muted">Select a file to preview it; tables show column statistics too.</div>
          )}
        </div>
      </div>
    </div>
  );
}
