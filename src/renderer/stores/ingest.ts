import { create } from 'zustand';
import type { AddResult } from '../../shared/contract/index.js';
import { api } from '../api/client';
import { KilnError } from '../../shared/contract/errors.js';
import { type DropSource } from '../lib/upload/dropped-file';
import { hashFiles, uploadFiles, type UploadProgress } from '../lib/upload/upload-files';
import { RateMeter } from '../../shared/rate-meter.js';
import { newId } from '../lib/new-id';
import { useJobs } from './jobs';
import { useNavigation } from './navigation';
import { useWorkspace } from './workspace';
import { formatBytes } from '../../shared/format.js';

/** What a deduplicated upload sent, when the store already held some of it. */
function sentNote(u: IngestState['lastUpload']): string | null {
  if (!u || u.filesKnown === 0) return null;
  const files = (n: number) => `${n.toLocaleString('en-US')} file${n === 1 ? '' : 's'}`;
  return `Sent ${files(u.filesSent)} (${formatBytes(u.bytesSent)}) of ${files(u.filesSent + u.filesKnown)}; ${files(u.filesKnown)} (${formatBytes(u.bytesKnown)}) the store already held.`;
}

export interface IngestRun {
  jobId: string;
  dataset: string;
  phase: 'hashing' | 'uploading' | 'ingesting';
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
  /** what the last browser upload sent: only the files the store did not hold */
  lastUpload: { filesSent: number; bytesSent: number; filesKnown: number; bytesKnown: number } | null;
  /** a word after an add that needs one (nothing changed) */
  notice: string | null;
  clearNotice(): void;
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
  lastUpload: null,
  notice: null,
  clearNotice: () => set({ notice: null }),
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
    set({ pending: null, error: null, notice: null, active: { jobId, dataset, phase: source.kind === 'files' ? 'hashing' : 'ingesting', cancel } });
    try {
      let input: Parameters<typeof api.invoke<'datasets:add'>>[1];
      if (source.kind === 'files') {
        uploadId = newId('up');
        const title = `Uploading ${source.label}`;
        const progress = (phase: 'hashing' | 'uploading') => {
          const meter = new RateMeter();
          return (p: UploadProgress) => {
            meter.add(p.bytesDone);
            const upload = { ...p, rate: meter.rate(), etaSeconds: meter.eta(p.bytesDone, p.bytesTotal) };
            set((s) => (s.active ? { active: { ...s.active, phase, upload } } : {}));
            useJobs.getState().upsertLocal({
              jobId: `${jobId}-upload`,
              title,
              state: 'running',
              cancel,
              progress: { jobId, op: 'upload', phase, ...p, rate: upload.rate, etaSeconds: upload.etaSeconds },
            });
          };
        };
        // hash in the browser, ask which contents the store has, send only the others
        const listing = await hashFiles(source.files, progress('hashing'), abort.signal);
        const { have } = await api.invoke('datasets:have', { digests: [...new Set(listing.map((f) => f.digest))] });
        const known = new Set(have);
        const missing = new Set(listing.filter((f) => !known.has(f.digest)).map((f) => f.path));
        const toSend = source.files.filter((f) => f.path.endsWith('/') || missing.has(f.path));
        await uploadFiles(uploadId, toSend, progress('uploading'), abort.signal);
        const sent = listing.filter((f) => missing.has(f.path));
        const bytes = (l: typeof listing) => l.reduce((n, f) => n + f.size, 0);
        set({
          lastUpload: { filesSent: sent.length, bytesSent: bytes(sent), filesKnown: listing.length - sent.length, bytesKnown: bytes(listing) - bytes(sent) },
        });
        useJobs.getState().upsertLocal({ jobId: `${jobId}-upload`, title, state: 'done' });
        set((s) => (s.active ? { active: { ...s.active, phase: 'ingesting' } } : {}));
        input = { dataset, message, source: { kind: 'upload', uploadId, files: listing }, jobId };
      } else {
        input = { dataset, message, source: { kind: 'paths', paths: source.paths }, jobId };
      }
      const result = await api.invoke('datasets:add', input);
      uploadId = null;
      set({
        active: null,
        last: result,
        notice: result.unchanged
          ? `No changes — version ${result.version.version} of ${dataset} already holds this content; no version was added.`
          : source.kind === 'files'
            ? sentNote(get().lastUpload)
            : null,
      });
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
