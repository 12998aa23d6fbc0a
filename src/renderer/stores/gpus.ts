import { create } from 'zustand';
import type { GpuList } from '../../shared/contract/index.js';
import { api } from '../api/client';

interface GpuState {
  list: GpuList | null;
  /** device id (uuid) → `runId/stage` holding it, from gpus:stats */
  holders: Record<string, string>;
  error: unknown;
  load(): Promise<void>;
}

/** GPUs from gpus:list; live utilisation comes from gpus:stats while runs hold them. */
export const useGpus = create<GpuState>((set) => ({
  list: null,
  holders: {},
  error: null,
  async load() {
    try {
      set({ list: await api.invoke('gpus:list'), error: null });
    } catch (e) {
      set({ error: e });
    }
  },
}));

let subscribed = false;
export function subscribeGpus(): void {
  if (subscribed) return;
  subscribed = true;
  api.on('gpus:stats', (s) => {
    const cur = useGpus.getState().list;
    useGpus.setState({ holders: s.holders });
    if (s.gpus.length || !cur) useGpus.setState({ list: { gpus: s.gpus, reason: cur?.reason } });
  });
}
