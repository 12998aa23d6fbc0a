import { create } from 'zustand';
import type { Deployment, DeploymentStats, DeployTarget, OpInput } from '../../shared/contract/index.js';
import { api } from '../api/client';
import { newId } from '../lib/new-id';

/** Scrapes kept per deployment: 5 minutes at one every 2 s. */
export const STATS_KEEP = 150;
export const STATS_INTERVAL_MS = 2000;

/** A rollback in flight: its core job, for progress and cancel. */
export interface DeploymentTask {
  kind: 'rollback' | 'remove';
  jobId: string | null;
}

interface DeploymentsState {
  list: Deployment[] | null;
  error: unknown;
  targets: DeployTarget[] | null;
  targetsError: unknown;
  /** deployment id → its recent scrapes, oldest first */
  stats: Record<string, DeploymentStats[] | undefined>;
  tasks: Record<string, DeploymentTask | undefined>;
  load(): Promise<void>;
  loadTargets(): Promise<void>;
  addTarget(t: OpInput<'targets:add'>): Promise<DeployTarget>;
  removeTarget(name: string): Promise<void>;
  /** build → push → roll out → health → smoke test; the caller picks the job id to follow its progress */
  deploy(req: Omit<OpInput<'deployments:create'>, 'jobId'>, jobId: string): Promise<Deployment>;
  rollback(id: string): Promise<Deployment>;
  remove(id: string): Promise<{ id: string; removedService: boolean }>;
  /** one scrape of /metrics and replica health, appended to `stats[id]` */
  sample(id: string): Promise<void>;
  /** samples every 2 s while at least one watcher holds the id; returns the release */
  watch(id: string): () => void;
  reset(): void;
}

const watchers = new Map<string, { count: number; timer: ReturnType<typeof setInterval> }>();
let gen = 0;

async function asTask<T>(id: string, kind: DeploymentTask['kind'], jobId: string | null, call: () => Promise<T>): Promise<T> {
  useDeployments.setState((s) => ({ tasks: { ...s.tasks, [id]: { kind, jobId } } }));
  try {
    return await call();
  } finally {
    useDeployments.setState((s) => ({ tasks: { ...s.tasks, [id]: undefined } }));
    void useDeployments.getState().load();
  }
}

/** Deployments, targets and live scrapes; deployments:changed and workspaces:changed refresh them. */
export const useDeployments = create<DeploymentsState>((set, get) => ({
  list: null,
  error: null,
  targets: null,
  targetsError: null,
  stats: {},
  tasks: {},
  async load() {
    try {
      set({ list: await api.invoke('deployments:list', {}), error: null });
    } catch (e) {
      set({ error: e });
    }
  },
  async loadTargets() {
    try {
      set({ targets: await api.invoke('targets:list', {}), targetsError: null });
    } catch (e) {
      set({ targetsError: e });
    }
  },
  async addTarget(t) {
    const added = await api.invoke('targets:add', t);
    await get().loadTargets();
    return added;
  },
  async removeTarget(name) {
    await api.invoke('targets:remove', { name });
    await get().loadTargets();
  },
  async deploy(req, jobId) {
    try {
      return await api.invoke('deployments:create', { ...req, jobId });
    } finally {
      void get().load();
    }
  },
  rollback(id) {
    const jobId = newId('rollback');
    return asTask(id, 'rollback', jobId, () => api.invoke('deployments:rollback', { id, jobId }));
  },
  remove(id) {
    return asTask(id, 'remove', null, () => api.invoke('deployments:remove', { id }));
  },
  async sample(id) {
    const g = gen;
    let s: DeploymentStats;
    try {
      s = await api.invoke('deployments:stats', { id });
    } catch (e) {
      s = { id, at: Date.now(), servedVersion: null, replicas: [], requests: 0, errors: 0, latencySum: 0, buckets: [], scrapeError: (e as Error).message };
    }
    if (g !== gen) return;
    set((st) => ({ stats: { ...st.stats, [id]: [...(st.stats[id] ?? []), s].slice(-STATS_KEEP) } }));
  },
  watch(id) {
    const w = watchers.get(id);
    if (w) w.count++;
    else {
      void get().sample(id);
      watchers.set(id, { count: 1, timer: setInterval(() => void get().sample(id), STATS_INTERVAL_MS) });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const cur = watchers.get(id);
      if (!cur) return;
      if (--cur.count > 0) return;
      clearInterval(cur.timer);
      watchers.delete(id);
    };
  },
  reset() {
    gen++;
    for (const w of watchers.values()) clearInterval(w.timer);
    watchers.clear();
    set({ list: null, error: null, targets: null, targetsError: null, stats: {}, tasks: {} });
  },
}));

let subscribed = false;
let pending: ReturnType<typeof setTimeout> | null = null;

/** Subscribes once: a burst of status changes (a rollout's phases) costs one refetch. */
export function subscribeDeployments(): void {
  if (subscribed) return;
  subscribed = true;
  api.on('deployments:changed', () => {
    if (pending) return;
    pending = setTimeout(() => {
      pending = null;
      void useDeployments.getState().load();
    }, 150);
  });
  api.on('workspaces:changed', () => {
    const s = useDeployments.getState();
    s.reset();
    void s.load();
    void s.loadTargets();
  });
}
