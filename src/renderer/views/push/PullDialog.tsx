import { useState } from 'react';
import { api } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { JobProgress } from '../../components/JobProgress';
import { formatBytes } from '../../../shared/format.js';
import { useTransferJob } from './use-transfer-job';

type Pulled = { label: string; downloadedBytes: number };

/** Pull a dataset or model artifact from a registry; a dataset needs a name, a model may take the one it carries. */
export function PullDialog({
  open,
  onClose,
  kind,
  initialName = '',
  onPulled,
}: {
  open: boolean;
  onClose(): void;
  kind: 'dataset' | 'model';
  initialName?: string;
  onPulled?(name: string, version: number): void;
}) {
  const [source, setSource] = useState('');
  const [name, setName] = useState(initialName);
  const [insecure, setInsecure] = useState(false);
  const job = useTransferJob<Pulled>();
  const pull = () =>
    job.start(async (jobId) => {
      if (kind === 'dataset') {
        const r = await api.invoke('datasets:pull', { source: source.trim(), dataset: name.trim(), insecure, jobId });
        onPulled?.(r.version.dataset, r.version.version);
        return { label: `${r.version.dataset}@${r.version.version}${r.unchanged ? ' (unchanged)' : ''}`, downloadedBytes: r.downloadedBytes };
      }
      const r = await api.invoke('models:pull', { source: source.trim(), insecure, jobId, ...(name.trim() ? { name: name.trim() } : {}) });
      onPulled?.(r.model.name, r.model.version);
      return { label: `${r.model.name}@${r.model.version} (${r.format})`, downloadedBytes: r.downloadedBytes };
    });
  const close = () => {
    if (job.running && job.progress) void api.invoke('jobs:cancel', { jobId: job.progress.jobId }).catch(() => undefined);
    job.reset();
    onClose();
  };
  const ready = source.trim() && (kind === 'model' || name.trim());
  return (
    <Dialog
      open={open}
      title={kind === 'dataset' ? 'Pull a dataset' : 'Pull a model'}
      onClose={close}
      width={520}
      footer={
        <>
          <Button onClick={close}>{job.result ? 'Close' : 'Cancel'}</Button>
          {!job.result && (
            <Button variant="primary" disabled={job.running || !ready} onClick={pull}>
              Pull
            </Button>
          )}
        </>
      }
    >
      <Field label="Registry reference">
        <input
          className="input mono"
          aria-label="Registry reference"
          value={source}
          onChange={(e) => setSource(e.target.value)}
          placeholder="registry.example.com/team/name:tag"
          spellCheck={false}
          disabled={job.running}
          autoFocus
        />
      </Field>
      <Field label={kind === 'dataset' ? 'Dataset name' : 'Model name (optional)'}>
        <input
          className="input"
          aria-label={kind === 'dataset' ? 'Dataset name' : 'Model name'}
          value={name}
          onChange={(e) => setName(e.target.value)}
          spellCheck={false}
          disabled={job.running}
          placeholder={kind === 'model' ? 'the name the artifact carries' : ''}
        />
      </Field>
      <label className="field-inline">
        <input type="checkbox" checked={insecure} onChange={(e) => setInsecure(e.target.checked)} disabled={job.running} /> Insecure registry (plain HTTP or
        unchecked TLS)
      </label>
      {job.running && job.progress && <JobProgress progress={job.progress} />}
      {job.error != null && <ErrorBanner error={job.error} title="Could not pull" />}
      {job.result && (
        <div className="push-result num" role="status">
          Registered {job.result.label}; {formatBytes(job.result.downloadedBytes)} downloaded
        </div>
      )}
    </Dialog>
  );
}
