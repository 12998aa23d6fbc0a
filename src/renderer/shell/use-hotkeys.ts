import { useEffect } from 'react';
import { usePalette } from '../stores/palette';
import { useNavigation } from '../stores/navigation';
import { NAV_ITEMS } from './nav-items';

function typing(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

/** Ctrl/Cmd+K opens the palette; "g" then a letter jumps to a view (outside text fields). */
export function useHotkeys(): void {
  useEffect(() => {
    let gAt = 0;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        usePalette.getState().toggle();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      if (e.key === 'g') {
        gAt = Date.now();
        return;
      }
      if (Date.now() - gAt < 1200) {
        const item = NAV_ITEMS.find((i) => i.key === e.key);
        if (item) useNavigation.getState().navigate(item.view);
        gAt = 0;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
