import { create } from 'zustand';
import type { AliasEvent, EvalReport, ModelSummary, ModelVersion } from '../../shared/contract/index.js';
import { api } from '../api/client';
import { newId } from '../lib/new-id';
import { useJobs } from './jobs';
import { createViewCache } from './view-cache';

/** What the model pages show by key (a version, its files, a preview, the alias log, a comparison). */
const views = createViewCache<'models:get' | 'models:history' | 'models:config' | 'models:files' | 'models:preview' | 'models:compare'>();
export const useModelView = views.useView;
/** Re-read what the pages of a model show (after a change this window made itself). */
export function refreshModelViews(name: string): void {
  views.invalidate((op, input) => viewBelongsTo(op, input, name));
}

function viewBelongsTo(op: string, input: unknown, name: string): boolean {
  const i = input as { ref?: string; a?: string; name?: string };
  const ref = i.ref ?? i.a;
  return op === 'models:config' || i.name === name || (ref !== undefined && ref.startsWith(`${name}@`));
}

/** Versions come in pages as the table scrolls: 1,000 versions never travel at once. */
export const VERSION_PAGE = 100;

export interface VersionPages {
  total: number;
  /** page index → versions, newest first */
  pages: Record<number, ModelVersion[]>;
  loaded: boolean;
  error: unknown;
}

/** An evaluation or promotion in flight: its core job, for progress and cancel. */
export interface ModelTask {
  kind: 'validate' | 'promote';
  ref: string;
  jobId: string;
  alias?: string;
}

interface ModelsState {
  list: ModelSummary[] | null;
  error: unknown;
  versions: Record<string, VersionPages | undefined>;
  /** per model: bumps on every models:changed, so open pages re-read what they show */
  ticks: Record<string, number>;
  tasks: Record<string, ModelTask | undefined>;
  load(): Promise<void>;
  /** (re)reads the first page of a model's versions, and any other page already held */
  loadVersions(name: string): Promise<void>;
  ensureVersions(name: string, first: number, last: number): void;
  versionAt(name: string, i: number): ModelVersion | undefined;
  validate(ref: string): Promise<EvalReport>;
  promote(ref: string, alias: string, reason: string): Promise<AliasEvent>;
  rollback(name: string, alias: string, reason: string): Promise<AliasEvent>;
  reset(): void;
}

const inFlight = new Set<string>();
let gen = 0;

/** Runs a long model operation as a job the status bar shows, remembered per ref until it ends. */
async function asTask<T>(kind: ModelTask['kind'], ref: string, title: string, call: (jobId: string) => Promise<T>, alias?: string): Promise<T> {
  const jobId = newId(kind);
  useModels.setState((s) => ({ tasks: { ...s.tasks, [ref]: { kind, ref, jobId, alias } } }));
  useJobs.setState((s) => ({ jobs: { ...s.jobs, [jobId]: { jobId, title, state: 'running', updatedAt: Date.now(), ...s.jobs[jobId] } } }));
  let state: 'done' | 'failed' = 'failed';
  try {
    const out = await call(jobId);
    state = 'done';
    return out;
  } finally {
    useModels.setState((s) => ({ tasks: { ...s.tasks, [ref]: undefined } }));
    // refused before core started a job (bad input): the placeholder must not stay "running"
    const j = useJobs.getState().jobs[jobId];
    if (j?.state === 'running') useJobs.getState().upsertLocal({ ...j, state });
  }
}

/** The model registry: models, their versions (paged), evaluations and alias moves in flight. models:changed refreshes it. */
export const useModels = create<ModelsState>((set, get) => {
  const fetchPage = async (name: string, page: number, g: number) => {
    const key = `${g}:${name}:${page}`;
    if (inFlight.has(key)) return;
    inFlight.add(key);
    try {
      const r = await api.invoke('models:versions', { name, offset: page * VERSION_PAGE, limit: VERSION_PAGE });
      if (g !== gen) return;
      set((s) => {
        const prev = s.versions[name];
        return { versions: { ...s.versions, [name]: { total: r.total, pages: { ...prev?.pages, [page]: r.versions }, loaded: true, error: null } } };
      });
    } catch (e) {
      if (g !== gen) return;
      set((s) => ({
        versions: { ...s.versions, [name]: { total: s.versions[name]?.total ?? 0, pages: s.versions[name]?.pages ?? {}, loaded: true, error: e } },
      }));
    } finally {
      inFlight.delete(key);
    }
  };

  return {
    list: null,
    error: null,
    versions: {},
    ticks: {},
    tasks: {},
    async load() {
      try {
        const list = await api.invoke('models:list');
        set({ list, error: null });
        // the view opens on the first model: its first page is fetched now, so opening shows rows at once
        const first = list[0]?.name;
        if (first && !get().versions[first]) void get().loadVersions(first);
      } catch (e) {
        set({ error: e });
      }
    },
    async loadVersions(name) {
      // pages already on screen are re-read too; the old rows stay until the new ones land
      const held = Object.keys(get().versions[name]?.pages ?? {}).map(Number);
      await Promise.all([0, ...held.filter((p) => p !== 0)].map((p) => fetchPage(name, p, gen)));
    },
    ensureVersions(name, first, last) {
      const v = get().versions[name];
      if (!v?.loaded || v.total === 0) return;
      const maxPage = Math.floor((v.total - 1) / VERSION_PAGE);
      for (let p = Math.floor(first / VERSION_PAGE); p <= Math.min(maxPage, Math.floor(last / VERSION_PAGE)); p++)
        if (!v.pages[p]) void fetchPage(name, p, gen);
    },
    versionAt(name, i) {
      return get().versions[name]?.pages[Math.floor(i / VERSION_PAGE)]?.[i % VERSION_PAGE];
    },
    validate(ref) {
      return asTask('validate', ref, `Evaluating ${ref}`, (jobId) => api.invoke('models:validate', { ref, jobId }));
    },
    promote(ref, alias, reason) {
      return asTask('promote', ref, `Promoting ${ref} to ${alias}`, (jobId) => api.invoke('models:promote', { ref, alias, reason, jobId }), alias);
    },
    rollback(name, alias, reason) {
      return api.invoke('models:rollback', { name, alias, reason });
    },
    reset() {
      gen++;
      views.reset();
      set({ list: null, error: null, versions: {}, ticks: {} });
    },
  };
});

let subscribed = false;
let pending: ReturnType<typeof setTimeout> | null = null;
const dirty = new Set<string>();

/** Subscribes once: a burst of changes (a register, an alias move, a report) costs one refetch per model. */
export function subscribeModels(): void {
  if (subscribed) return;
  subscribed = true;
  api.on('models:changed', (e) => {
    dirty.add(e.name);
    if (pending) return;
    pending = setTimeout(() => {
      pending = null;
      const s = useModels.getState();
      void s.load();
      const names = [...dirty];
      dirty.clear();
      useModels.setState((st) => ({ ticks: { ...st.ticks, ...Object.fromEntries(names.map((n) => [n, (st.ticks[n] ?? 0) + 1])) } }));
      for (const n of names) {
        refreshModelViews(n);
        if (s.versions[n]) void s.loadVersions(n);
      }
    }, 150);
  });
  api.on('workspaces:changed', () => {
    useModels.getState().reset();
    void useModels.getState().load();
  });
}
