import { useModelView } from '../../stores/models';
import { FileTree } from '../datasets/FileTree';
import { FilePanel } from '../datasets/FilePanel';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatBytes } from '../../../shared/format.js';

/** The artifact's files: the same tree and previews as a dataset version's. */
export function ModelFiles({ modelRef, file, onSelect }: { modelRef: string; file?: string; onSelect(path: string): void }) {
  const tree = useModelView('models:files', { ref: modelRef });
  const entries = tree.data?.entries ?? [];
  return (
    <section className="card km-section" aria-label="Files">
      <div className="card-head">
        <h3>Files</h3>
        {tree.data && <span className="muted num">{`${tree.data.files.toLocaleString('en-US')} files · ${formatBytes(tree.data.bytes)}`}</span>}
      </div>
      <div className="card-body">
        {tree.error != null && <ErrorBanner error={tree.error} title="Could not read the artifact's files" />}
        <div className="km-files">
          <div className="tree-pane card">
            <FileTree entries={entries} selected={file} onSelect={onSelect} />
          </div>
          <div className="file-pane">
            {file ? (
              <FilePanel source={{ kind: 'model', ref: modelRef }} path={file} entry={entries.find((e) => e.path === file)} />
            ) : (
              <div className="card pane-hint muted">Select a file to preview it: model.json, configs and tables show their content.</div>
            )}
          </div>
        </div>
      </div>
    </section>
  );
}
