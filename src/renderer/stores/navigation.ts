import { create } from 'zustand';

export type ViewName = 'datasets' | 'pipelines' | 'runs' | 'models' | 'deployments' | 'settings';

export interface Route {
  view: ViewName;
  /** view-specific, e.g. { dataset: 'mnist', version: '3' } or { run: 'r-12' } or { compare: 'a,b' } */
  params: Record<string, string>;
}

interface NavigationState {
  route: Route;
  navigate(view: ViewName, params?: Record<string, string>): void;
}

const VIEWS: ViewName[] = ['datasets', 'pipelines', 'runs', 'models', 'deployments', 'settings'];

/** The route lives in the URL hash (#/runs?run=r-1) so reloads and the back button work in both transports. */
export function parseHash(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const view = (VIEWS.includes(path as ViewName) ? path : 'datasets') as ViewName;
  return { view, params: Object.fromEntries(new URLSearchParams(query)) };
}

export function routeHash(view: ViewName, params: Record<string, string> = {}): string {
  const q = new URLSearchParams(params).toString();
  return `#/${view}${q ? `?${q}` : ''}`;
}

export const useNavigation = create<NavigationState>((set) => ({
  route: parseHash(window.location.hash),
  navigate(view, params = {}) {
    const hash = routeHash(view, params);
    if (window.location.hash !== hash) window.history.pushState(null, '', hash);
    set({ route: { view, params } });
  },
}));

window.addEventListener('popstate', () => useNavigation.setState({ route: parseHash(window.location.hash) }));
