import { create } from 'zustand';
import type { EngineInfo, EngineStatus } from '../../shared/contract/index.js';
import { api } from '../api/client';

interface EngineState {
  status: EngineStatus | null;
  info: EngineInfo | null;
  infoError: unknown;
  infoLoading: boolean;
  load(): Promise<void>;
  loadInfo(): Promise<void>;
}

/** The Docker engine: status from engine:status (op + live events), details on demand. */
export const useEngine = create<EngineState>((set, get) => ({
  status: null,
  info: null,
  infoError: null,
  infoLoading: false,
  async load() {
    try {
      set({ status: await api.invoke('engine:status') });
    } catch (e) {
      set({ status: { state: 'unreachable', host: '', message: e instanceof Error ? e.message : String(e), checkedAt: Date.now() } });
    }
  },
  async loadInfo() {
    if (get().infoLoading) return;
    set({ infoLoading: true });
    try {
      set({ info: await api.invoke('engine:info'), infoError: null });
    } catch (e) {
      set({ infoError: e, info: null });
    } finally {
      set({ infoLoading: false });
    }
  },
}));

let subscribed = false;
export function subscribeEngine(): void {
  if (subscribed) return;
  subscribed = true;
  api.on('engine:status', (status) => {
    const before = useEngine.getState().status?.state;
    useEngine.setState({ status });
    // the details changed with the engine: refresh them if someone has looked at them
    if (before !== status.state && (useEngine.getState().info || useEngine.getState().infoError)) void useEngine.getState().loadInfo();
  });
}
