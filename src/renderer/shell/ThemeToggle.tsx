import { Monitor, Moon, Sun } from 'lucide-react';
import { useTheme } from '../stores/theme';

const LABEL = { system: 'System', light: 'Light', dark: 'Dark' } as const;

/** System, light or dark: one button that cycles, saying which is on. */
export function ThemeToggle() {
  const { choice, cycle } = useTheme();
  const Icon = choice === 'dark' ? Moon : choice === 'light' ? Sun : Monitor;
  return (
    <button type="button" className="topbar-theme" onClick={cycle} aria-label={`Theme: ${LABEL[choice]}`} title={`Theme: ${LABEL[choice]} (click to change)`}>
      <Icon size={14} aria-hidden="true" />
      <span>{LABEL[choice]}</span>
    </button>
  );
}
