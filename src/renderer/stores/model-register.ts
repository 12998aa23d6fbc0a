import { create } from 'zustand';
import type { ModelVersion } from '../../shared/contract/index.js';
import { KilnError } from '../../shared/contract/errors.js';
import { api } from '../api/client';
import type { DropSource } from '../lib/upload/dropped-file';
import { uploadFiles } from '../lib/upload/upload-files';
import { RateMeter } from '../../shared/rate-meter.js';
import { newId } from '../lib/new-id';
import { useJobs } from './jobs';
import { useNavigation } from './navigation';

export interface RegisterRun {
  jobId: string;
  name: string;
  phase: 'uploading' | 'registering';
  upload?: { filesDone: number; filesTotal: number; bytesDone: number; bytesTotal: number; rate: number; etaSeconds: number | null };
  cancel(): void;
}

interface RegisterState {
  /** a folder dropped on the Models view, waiting for the dialog */
  pending: DropSource | null;
  active: RegisterRun | null;
  error: unknown;
  last: ModelVersion | null;
  offer(source: DropSource): void;
  dismiss(): void;
  submit(name: string, message: string): Promise<void>;
  clearError(): void;
}

/**
 * Registering a dropped folder as a model version. Same road as a dataset drop: in the browser the
 * files stream to the upload route first, then `models:register` takes the staged folder; in
 * Electron the real path goes straight to `models:register`. Both phases show progress and cancel.
 */
export const useModelRegister = create<RegisterState>((set, get) => ({
  pending: null,
  active: null,
  error: null,
  last: null,
  offer: (source) => set({ pending: source, error: null }),
  dismiss: () => set({ pending: null }),
  async submit(name, message) {
    const source = get().pending;
    if (!source || get().active) return;
    const jobId = newId('reg');
    const abort = new AbortController();
    let uploadId: string | null = null;
    const cancel = () => {
      abort.abort();
      if (get().active?.phase === 'registering') void api.invoke('jobs:cancel', { jobId }).catch(() => undefined);
    };
    set({ pending: null, error: null, active: { jobId, name, phase: source.kind === 'files' ? 'uploading' : 'registering', cancel } });
    const title = `Uploading ${source.label}`;
    try {
      let input: Parameters<typeof api.invoke<'models:register'>>[1];
      if (source.kind === 'files') {
        uploadId = newId('up');
        const meter = new RateMeter();
        await uploadFiles(
          uploadId,
          source.files,
          (p) => {
            meter.add(p.bytesDone);
            const upload = { ...p, rate: meter.rate(), etaSeconds: meter.eta(p.bytesDone, p.bytesTotal) };
            set((s) => (s.active ? { active: { ...s.active, upload } } : {}));
            useJobs.getState().upsertLocal({
              jobId: `${jobId}-upload`,
              title,
              state: 'running',
              cancel,
              progress: {
                jobId,
                op: 'upload',
                phase: 'uploading',
                filesDone: p.filesDone,
                filesTotal: p.filesTotal,
                bytesDone: p.bytesDone,
                bytesTotal: p.bytesTotal,
                rate: upload.rate,
                etaSeconds: upload.etaSeconds,
              },
            });
          },
          abort.signal,
        );
        useJobs.getState().upsertLocal({ jobId: `${jobId}-upload`, title, state: 'done' });
        if (abort.signal.aborted) throw new DOMException('upload cancelled', 'AbortError');
        set((s) => (s.active ? { active: { ...s.active, phase: 'registering' } } : {}));
        input = { name, uploadId, message, jobId };
      } else {
        // a model is one folder or one file: several dropped items have no single root to register
        if (source.paths.length !== 1)
          throw new KilnError('INVALID_INPUT', `${source.paths.length} items were dropped: drop one folder (or one model file) to register it as a version`);
        input = { name, path: source.paths[0]!, message, jobId };
      }
      const version = await api.invoke('models:register', input);
      uploadId = null;
      set({ active: null, last: version });
      useNavigation.getState().navigate('models', { model: version.name, version: String(version.version) });
    } catch (e) {
      const cancelled = abort.signal.aborted || (e instanceof KilnError && e.code === 'CANCELLED');
      if (source.kind === 'files') {
        const j = useJobs.getState().jobs[`${jobId}-upload`];
        if (j?.state === 'running') useJobs.getState().upsertLocal({ jobId: `${jobId}-upload`, title, state: cancelled ? 'cancelled' : 'failed' });
      }
      set({ active: null, error: cancelled ? null : e });
      // the staged folder is only deleted by a successful register: drop it here
      if (uploadId) void api.invoke('datasets:discard-upload', { uploadId }).catch(() => undefined);
    }
  },
  clearError: () => set({ error: null }),
}));
