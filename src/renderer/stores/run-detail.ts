import { create } from 'zustand';
import { api } from '../api/client';
import type { MetricInfo, RunCompareResult, RunDetail } from '../../shared/contract/index.js';

export interface RunDetailEntry {
  detail: RunDetail | null;
  metrics: MetricInfo[];
  error: unknown;
}

interface RunDetailState {
  /** run id → what its page shows; kept current while a page follows it */
  byId: Record<string, RunDetailEntry>;
  /** the comparison on screen, by its `runIds|baseline` key */
  compare: { key: string; data: RunCompareResult | null; error: unknown } | null;
  load(runId: string): Promise<void>;
  loadCompare(runIds: string[], baseline: string | undefined): Promise<void>;
  tag(runId: string, add: string[], remove: string[]): Promise<void>;
  note(runId: string, notes: string): Promise<void>;
  remove(runId: string): Promise<void>;
}

let subscribed = false;
// run pages kept at once: enough for back and forth, bounded for a long session
const KEEP = 20;

/**
 * One run's page (runs:get + metrics:list) and the comparison page (runs:compare). A run that
 * changes (`runs:changed` naming it, or `runs:status`) is re-read; tags, notes and deletes go
 * through here and come back the same way.
 */
export const useRunDetails = create<RunDetailState>((set, get) => {
  const subscribe = () => {
    if (subscribed) return;
    subscribed = true;
    const follow = (ids: string[]) => ids.forEach((id) => id in get().byId && void get().load(id));
    api.on('runs:changed', (e) => follow(e.runIds));
    api.on('runs:status', (e) => follow([e.runId]));
  };
  return {
    byId: {},
    compare: null,
    async load(runId) {
      subscribe();
      const put = (e: RunDetailEntry) => {
        const byId = { ...get().byId };
        delete byId[runId];
        const ids = Object.keys(byId);
        for (const old of ids.slice(0, Math.max(0, ids.length - KEEP + 1))) delete byId[old];
        set({ byId: { ...byId, [runId]: e } });
      };
      try {
        const [detail, metrics] = await Promise.all([api.invoke('runs:get', { runId }), api.invoke('metrics:list', { runId })]);
        put({ detail, metrics, error: null });
      } catch (error) {
        put({ ...(get().byId[runId] ?? { detail: null, metrics: [] }), error });
      }
    },
    async loadCompare(runIds, baseline) {
      const key = `${runIds.join(',')}|${baseline ?? ''}`;
      try {
        const data = await api.invoke('runs:compare', { runIds, baseline });
        set({ compare: { key, data, error: null } });
      } catch (error) {
        set({ compare: { key, data: null, error } });
      }
    },
    async tag(runId, add, remove) {
      await api.invoke('runs:tag', { runId, add, remove });
    },
    async note(runId, notes) {
      await api.invoke('runs:note', { runId, notes });
    },
    async remove(runId) {
      await api.invoke('runs:delete', { runIds: [runId] });
      const byId = { ...get().byId };
      delete byId[runId];
      set({ byId });
    },
  };
});
