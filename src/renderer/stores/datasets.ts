import { create } from 'zustand';
import type { DatasetSummary, DatasetVersion } from '../../shared/contract/index.js';
import { api } from '../api/client';
import { createViewCache } from './view-cache';

/** What a dataset's pages show by key (a version, its tree, a file's preview or stats, a diff). */
const views = createViewCache<'datasets:version' | 'datasets:tree' | 'datasets:stats' | 'datasets:diff' | 'datasets:diff-table' | 'datasets:preview'>();
export const useDatasetView = views.useView;

interface DatasetsState {
  list: DatasetSummary[] | null;
  error: unknown;
  /** dataset name → its versions, newest first */
  versions: Record<string, DatasetVersion[] | undefined>;
  versionErrors: Record<string, unknown>;
  load(): Promise<void>;
  loadVersions(dataset: string): Promise<void>;
  reset(): void;
}

/** Datasets and their version logs; datasets:changed and workspaces:changed refresh them. */
export const useDatasets = create<DatasetsState>((set) => ({
  list: null,
  error: null,
  versions: {},
  versionErrors: {},
  async load() {
    try {
      set({ list: await api.invoke('datasets:list'), error: null });
    } catch (e) {
      set({ error: e });
    }
  },
  async loadVersions(dataset) {
    try {
      const v = await api.invoke('datasets:versions', { dataset });
      set((s) => ({ versions: { ...s.versions, [dataset]: v }, versionErrors: { ...s.versionErrors, [dataset]: undefined } }));
    } catch (e) {
      set((s) => ({ versionErrors: { ...s.versionErrors, [dataset]: e } }));
    }
  },
  reset: () => {
    views.reset();
    set({ list: null, error: null, versions: {}, versionErrors: {} });
  },
}));

let subscribed = false;
let pending: ReturnType<typeof setTimeout> | null = null;
const dirty = new Set<string>();

export function subscribeDatasets(): void {
  if (subscribed) return;
  subscribed = true;
  // debounced: a burst of changes (tags, gc) costs one refetch
  api.on('datasets:changed', (e) => {
    if (e.dataset) dirty.add(e.dataset);
    if (pending) return;
    pending = setTimeout(() => {
      pending = null;
      const s = useDatasets.getState();
      void s.load();
      const names = e.dataset === null ? Object.keys(s.versions) : [...dirty];
      dirty.clear();
      for (const n of names) if (s.versions[n] || e.dataset === n) void s.loadVersions(n);
      // pages of a changed dataset re-read when shown (tags and new versions change them)
      views.invalidate((_, input) => e.dataset === null || names.includes(input.dataset));
    }, 150);
  });
  api.on('workspaces:changed', () => {
    useDatasets.getState().reset();
    void useDatasets.getState().load();
  });
}
