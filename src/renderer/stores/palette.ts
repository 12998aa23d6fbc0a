import { create } from 'zustand';

interface PaletteState {
  open: boolean;
  setOpen(open: boolean): void;
  toggle(): void;
}

/** Whether the Ctrl/Cmd+K command palette is showing. */
export const usePalette = create<PaletteState>((set) => ({
  open: false,
  setOpen: (open) => set({ open }),
  toggle: () => set((s) => ({ open: !s.open })),
}));
