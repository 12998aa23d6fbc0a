import { create } from 'zustand';
import type { RecentWorkspace, WorkspaceSummary } from '../../shared/contract/index.js';
import { api } from '../api/client';
import { errorCode } from '../lib/describe-error';
import { useNavigation } from './navigation';

interface WorkspaceState {
  current: WorkspaceSummary | null;
  recent: RecentWorkspace[];
  loaded: boolean;
  busy: boolean;
  /** the last open/create failure, with the path it was for (NOT_A_WORKSPACE offers "create here") */
  error: { path: string; error: unknown; code?: string } | null;
  load(): Promise<void>;
  loadRecent(): Promise<void>;
  open(path: string): Promise<boolean>;
  create(path: string): Promise<boolean>;
  openExample(): Promise<boolean>;
  /** drops an entry (a folder that no longer exists) from the recent list */
  forget(path: string): Promise<void>;
  close(): Promise<void>;
  clearError(): void;
  /** the desktop app's native folder picker (app:pick-folder); null when dismissed */
  pickFolder(): Promise<string | null>;
  /** whether pickFolder exists here (the desktop app; web mode has no native dialogs) */
  readonly canPickFolder: boolean;
}

/** The open workspace and the recent list; workspaces:changed keeps every window in step. */
export const useWorkspace = create<WorkspaceState>((set, get) => {
  /** open and create differ only in the call; both switch to the result or keep the error for the picker */
  const enter = async (path: string, call: () => Promise<WorkspaceSummary>): Promise<boolean> => {
    set({ busy: true, error: null });
    try {
      switchTo(await call());
      void get().loadRecent();
      return true;
    } catch (e) {
      set({ error: { path, error: e, code: errorCode(e) } });
      return false;
    } finally {
      set({ busy: false });
    }
  };
  return {
    current: null,
    recent: [],
    loaded: false,
    busy: false,
    error: null,
    pickFolder: () => api.invoke('app:pick-folder'),
    canPickFolder: api.transport === 'electron',
    async load() {
      try {
        const [current, recent] = await Promise.all([api.invoke('workspaces:current'), api.invoke('workspaces:recent')]);
        set({ current, recent, loaded: true });
      } catch (e) {
        set({ loaded: true, error: { path: '', error: e, code: errorCode(e) } });
      }
    },
    async loadRecent() {
      try {
        set({ recent: await api.invoke('workspaces:recent') });
      } catch {
        // the list is a convenience; the picker still opens by path
      }
    },
    open: (path) => enter(path, () => api.invoke('workspaces:open', { path })),
    create: (path) => enter(path, () => api.invoke('workspaces:create', { path })),
    openExample: () => enter('', () => api.invoke('workspaces:open-example')),
    async forget(path) {
      try {
        set({ recent: await api.invoke('workspaces:forget', { path }) });
      } catch (e) {
        set({ error: { path, error: e, code: errorCode(e) } });
      }
    },
    async close() {
      await api.invoke('workspaces:close');
      set({ current: null });
    },
    clearError: () => set({ error: null }),
  };
});

/** Sets the open workspace; ids in the route (a dataset, a run) belong to the old one, so the view stays and they go. */
function switchTo(ws: WorkspaceSummary | null): void {
  const before = useWorkspace.getState().current?.path;
  useWorkspace.setState({ current: ws });
  if (before !== undefined && before !== ws?.path) {
    const { route, navigate } = useNavigation.getState();
    if (Object.keys(route.params).length) navigate(route.view);
  }
}

let subscribed = false;
export function subscribeWorkspace(): void {
  if (subscribed) return;
  subscribed = true;
  api.on('workspaces:changed', (ws) => {
    switchTo(ws);
    void useWorkspace.getState().loadRecent();
  });
}
