import { create } from 'zustand';
import type { AddResult } from '../../shared/contract/index.js';
import { api } from '../api/client';
import { KilnError } from '../../shared/contract/errors.js';
import { type DropSource } from '../lib/upload/dropped-file';
import { uploadFiles } from '../lib/upload/upload-files';
import { RateMeter } from '../../shared/rate-meter.js';
import { newId } from '../lib/new-id';
import { useJobs } from './jobs';
import { useNavigation } from './navigation';
import { useWorkspace } from './workspace';

export interface IngestRun {
  jobId: string;
  dataset: string;
  phase: 'uploading' | 'ingesting';
  /** upload progress (web); the ingest phase reads jobs:progress from the jobs store */
  upload?: { filesDone: number; filesTotal: number; bytesDone: number; bytesTotal: number; rate: number; etaSeconds: number | null };
  cancel(): void;
}

interface IngestState {
  /** what was dropped or chosen, waiting for the dialog */
  pending: DropSource | null;
  active: IngestRun | null;
  error: unknown;
  last: AddResult | null;
  /** set by the shell's drop zone: the hidden folder input's click() */
  openFolderInput: (() => void) | null;
  offer(source: DropSource): void;
  dismiss(): void;
  chooseFolder(): void;
  submit(dataset: string, message: string): Promise<void>;
  clearError(): void;
}

/**
 * Adding a version from the UI. The drop handler and the "Choose folder…" picker both end in
 * `offer()`, so they share one path: dialog → (web) stream each file to the upload route →
 * datasets:add → open the new version.
 */
export const useIngest = create<IngestState>((set, get) => ({
  pending: null,
  active: null,
  error: null,
  last: null,
  openFolderInput: null,
  offer: (source) => set({ pending: source, error: null }),
  dismiss: () => set({ pending: null }),
  chooseFolder() {
    if (useWorkspace.getState().canPickFolder) {
      void useWorkspace
        .getState()
        .pickFolder()
        .then((p) => p && get().offer({ kind: 'paths', paths: [p], label: p.split(/[\\/]/).pop() ?? p }));
    } else get().openFolderInput?.();
  },
  async submit(dataset, message) {
    const source = get().pending;
    if (!source || get().active) return;
    const jobId = newId('add');
    const abort = new AbortController();
    let uploadId: string | null = null;
    const cancel = () => {
      abort.abort();
      if (get().active?.phase === 'ingesting') void api.invoke('jobs:cancel', { jobId }).catch(() => undefined);
    };
    set({ pending: null, error: null, active: { jobId, dataset, phase: source.kind === 'files' ? 'uploading' : 'ingesting', cancel } });
    try {
      let input: Parameters<typeof api.invoke<'datasets:add'>>[1];
      if (source.kind === 'files') {
        uploadId = newId('up');
        const meter = new RateMeter();
        const title = `Uploading ${source.label}`;
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
        set((s) => (s.active ? { active: { ...s.active, phase: 'ingesting' } } : {}));
        input = { dataset, message, source: { kind: 'upload', uploadId }, jobId };
      } else {
        input = { dataset, message, source: { kind: 'paths', paths: source.paths }, jobId };
      }
      const result = await api.invoke('datasets:add', input);
      uploadId = null;
      set({ active: null, last: result });
      useNavigation.getState().navigate('datasets', { dataset, version: String(result.version.version) });
    } catch (e) {
      const cancelled = abort.signal.aborted || (e instanceof KilnError && e.code === 'CANCELLED');
      if (source.kind === 'files')
        useJobs.getState().upsertLocal({ jobId: `${jobId}-upload`, title: `Uploading ${source.label}`, state: cancelled ? 'cancelled' : 'failed' });
      set({ active: null, error: cancelled ? null : e });
      if (uploadId) void api.invoke('datasets:discard-upload', { uploadId }).catch(() => undefined);
    }
  },
  clearError: () => set({ error: null }),
}));
