import { create } from 'zustand';
import type { WorkspaceIntegrity } from '../../shared/contract/index.js';
import { api } from '../api/client';

interface IntegrityState {
  check: WorkspaceIntegrity | null;
  load(): Promise<void>;
}

/** The background check of a big workspace database: the latest result (op) and live updates (event). */
export const useIntegrity = create<IntegrityState>((set) => ({
  check: null,
  async load() {
    try {
      set({ check: await api.invoke('workspaces:integrity') });
    } catch {
      set({ check: null });
    }
  },
}));

let subscribed = false;
export function subscribeIntegrity(): void {
  if (subscribed) return;
  subscribed = true;
  api.on('workspaces:integrity', (check) => useIntegrity.setState({ check }));
  // another workspace: its own check (or none) replaces the last one
  api.on('workspaces:changed', () => void useIntegrity.getState().load());
}
