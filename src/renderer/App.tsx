import { useEffect } from 'react';
import { Shell } from './shell/Shell';
import { startStores } from './stores/start-stores';

export function App() {
  useEffect(startStores, []);
  return <Shell />;
}
