import { useSyncExternalStore } from 'react';

const query = () => window.matchMedia('(prefers-color-scheme: dark)');

/** The theme in force, live: the toggle's choice (data-theme on <html>), else the OS. Charts paint on canvas and must redraw when it flips. */
export function useColorScheme(): 'dark' | 'light' {
  return useSyncExternalStore(
    (cb) => {
      const q = query();
      q.addEventListener('change', cb);
      const seen = new MutationObserver(cb);
      seen.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
      return () => {
        q.removeEventListener('change', cb);
        seen.disconnect();
      };
    },
    () => {
      const chosen = document.documentElement.getAttribute('data-theme');
      return chosen === 'dark' || chosen === 'light' ? chosen : query().matches ? 'dark' : 'light';
    },
  );
}
