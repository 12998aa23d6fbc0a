import { Search } from 'lucide-react';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';
import { usePalette } from '../stores/palette';
import { ThemeToggle } from './ThemeToggle';

/** Workspace switcher on the left, the palette's search box on the right. */
export function TopBar() {
  const toggle = usePalette((s) => s.toggle);
  const mac = navigator.platform.startsWith('Mac');
  return (
    <header className="topbar">
      <WorkspaceSwitcher />
      <div className="topbar-spacer" />
      <ThemeToggle />
      <button type="button" className="topbar-search" onClick={toggle} aria-label="Open the command palette">
        <Search size={14} aria-hidden="true" />
        <span>Search or run a command</span>
        <span className="topbar-keys">
          <kbd>{mac ? '⌘' : 'Ctrl'}</kbd>
          <kbd>K</kbd>
        </span>
      </button>
    </header>
  );
}
