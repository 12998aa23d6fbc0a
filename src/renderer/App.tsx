import { useEffect } from 'react';
import { Shell } from './shell/Shell';
import { startStores } from './stores/start-stores';

export function App() {
  useEffect(() => {
    // the first frame of the real UI, for scripts/measure-first-paint.mjs
    performance.mark('kiln:app-rendered');
    startStores();
  }, []);
  return <Shell />;
}
