import { useState } from 'react';
import type { RunOutputInfo } from '../../../shared/contract/index.js';
import { useRunFilesRefresh, useRunView } from '../../stores/run-files';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatBytes } from '../../../shared/format.js';
import { FileTree } from '../datasets/FileTree';
import { FilePanel } from '../datasets/FilePanel';

/** What the stages wrote, in the same file tree and previews as a dataset version (outputs live in the content store). */
export function RunOutputs({ runId, outputs }: { runId: string; outputs: RunOutputInfo[] }) {
  const [file, setFile] = useState<string | undefined>();
  // re-read when the set of stored outputs changes (a live run storing its stages' outputs)
  const key = outputs.map((o) => `${o.path}:${o.tree ?? ''}`).join('|');
  useRunFilesRefresh(runId, key);
  const tree = useRunView('runs:files', outputs.length ? { runId } : null);
  if (outputs.length === 0) return null;
  const entries = tree.data?.entries ?? [];
  return (
    <div className="run-outputs" data-testid="run-outputs">
      <div className="run-outputs-head">
        <h3>Outputs</h3>
        <span className="muted">{outputs.map((o) => `${o.path} (${o.stage})`).join(' · ')}</span>
        {tree.data && <span className="muted num">{`${tree.data.files.toLocaleString('en-US')} files · ${formatBytes(tree.data.bytes)}`}</span>}
        {tree.data && tree.data.notStored.length > 0 && <span className="faint">{`not stored: ${tree.data.notStored.join(', ')}`}</span>}
      </div>
      {tree.error != null && <ErrorBanner error={tree.error} title="Could not read the run's outputs" />}
      <div className="run-files">
        <div className="tree-pane card">
          <FileTree entries={entries} selected={file} onSelect={setFile} />
        </div>
        <div className="file-pane">
          {file ? (
            <FilePanel source={{ kind: 'run', runId }} path={file} entry={entries.find((e) => e.path === file)} />
          ) : (
            <div className="card pane-hint muted">Select a file to preview it: tables, JSON, images and a TF.js model.json show their content.</div>
          )}
        </div>
      </div>
    </div>
  );
}
