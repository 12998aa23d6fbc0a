import { create } from 'zustand';

interface UiState {
  /** the workspace drop-down in the top bar */
  workspaceMenu: boolean;
  setWorkspaceMenu(open: boolean): void;
}

/** Shell chrome state that several components (and the command palette) toggle. */
export const useUi = create<UiState>((set) => ({
  workspaceMenu: false,
  setWorkspaceMenu: (workspaceMenu) => set({ workspaceMenu }),
}));
