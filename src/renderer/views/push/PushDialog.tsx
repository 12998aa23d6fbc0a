import { useState } from 'react';
import type { PushResult } from '../../../shared/contract/index.js';
import { api } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { JobProgress } from '../../components/JobProgress';
import { Digest } from '../../components/Digest';
import { formatBytes } from '../../../shared/format.js';
import { useTransferJob } from './use-transfer-job';

/** What to push: a dataset version or a model version (NAME@VERSION). */
export type PushSubject = { kind: 'dataset'; dataset: string; version: number } | { kind: 'model'; ref: string };

/** Push to a registry: the target reference, insecure for plain-HTTP hosts, progress with cancel, then what moved. */
export function PushDialog({ open, onClose, subject, suggestion }: { open: boolean; onClose(): void; subject: PushSubject; suggestion: string }) {
  const [target, setTarget] = useState(suggestion);
  const [insecure, setInsecure] = useState(false);
  const job = useTransferJob<PushResult>();
  const label = subject.kind === 'dataset' ? `${subject.dataset}@${subject.version}` : subject.ref;
  const push = () =>
    job.start((jobId) =>
      subject.kind === 'dataset'
        ? api.invoke('datasets:push', { dataset: subject.dataset, version: subject.version, target: target.trim(), insecure, jobId })
        : api.invoke('models:push', { ref: subject.ref, target: target.trim(), insecure, jobId }),
    );
  const close = () => {
    if (job.running && job.progress) void api.invoke('jobs:cancel', { jobId: job.progress.jobId }).catch(() => undefined);
    job.reset();
    onClose();
  };
  const r = job.result;
  return (
    <Dialog
      open={open}
      title={`Push ${label}`}
      onClose={close}
      width={520}
      footer={
        <>
          <Button onClick={close}>{r ? 'Close' : 'Cancel'}</Button>
          {!r && (
            <Button variant="primary" disabled={job.running || !target.trim()} onClick={push}>
              Push
            </Button>
          )}
        </>
      }
    >
      <Field label="Registry reference" hint="Credentials come from ~/.docker/config.json and its credential helpers.">
        <input
          className="input mono"
          aria-label="Registry reference"
          value={target}
          onChange={(e) => setTarget(e.target.value)}
          placeholder="registry.example.com/team/name:tag"
          spellCheck={false}
          disabled={job.running}
        />
      </Field>
      <label className="field-inline">
        <input type="checkbox" checked={insecure} onChange={(e) => setInsecure(e.target.checked)} disabled={job.running} /> Insecure registry (plain HTTP or
        unchecked TLS)
      </label>
      {job.running && job.progress && <JobProgress progress={job.progress} />}
      {job.error != null && <ErrorBanner error={job.error} title={`Could not push ${label}`} />}
      {r && (
        <div className="push-result num" role="status">
          <div>
            Pushed to <span className="mono">{r.reference}</span> <Digest value={r.digest} />
          </div>
          <div className="muted">
            {formatBytes(r.uploadedBytes)} uploaded, {formatBytes(r.skippedBytes)} already there ({r.blobsSkipped} of {r.blobs} blobs skipped)
          </div>
          {r.resumedBytes > 0 && <div className="muted">went on from {formatBytes(r.resumedBytes)} an interrupted push had left on the registry</div>}
        </div>
      )}
    </Dialog>
  );
}
