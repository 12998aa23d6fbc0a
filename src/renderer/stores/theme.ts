import { create } from 'zustand';

export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'kiln.theme';

function stored(): ThemeChoice {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

/** Puts the choice on <html data-theme>, which the tokens and the charts follow; `system` follows the OS. */
function apply(choice: ThemeChoice): void {
  if (choice === 'system') document.documentElement.removeAttribute('data-theme');
  else document.documentElement.setAttribute('data-theme', choice);
}

interface ThemeState {
  choice: ThemeChoice;
  set(choice: ThemeChoice): void;
  /** system → light → dark → system */
  cycle(): void;
}

const ORDER: ThemeChoice[] = ['system', 'light', 'dark'];

export const useTheme = create<ThemeState>((set, get) => {
  const initial = stored();
  apply(initial);
  return {
    choice: initial,
    set(choice) {
      apply(choice);
      try {
        localStorage.setItem(KEY, choice);
      } catch {
        // private mode: the choice lasts this session
      }
      set({ choice });
    },
    cycle() {
      get().set(ORDER[(ORDER.indexOf(get().choice) + 1) % ORDER.length]!);
    },
  };
});
