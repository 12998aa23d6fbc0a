import { create } from 'zustand';

interface ModelDialogs {
  promote: { model: string; version: number } | null;
  rollback: { model: string; alias?: string } | null;
  openPromote(model: string, version: number): void;
  openRollback(model: string, alias?: string): void;
  close(): void;
}

/** Which model dialog is open: the version page's buttons and the command palette both open them. */
export const useModelDialogs = create<ModelDialogs>((set) => ({
  promote: null,
  rollback: null,
  openPromote: (model, version) => set({ promote: { model, version }, rollback: null }),
  openRollback: (model, alias) => set({ rollback: { model, alias }, promote: null }),
  close: () => set({ promote: null, rollback: null }),
}));
