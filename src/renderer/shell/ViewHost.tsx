import { lazy, Suspense } from 'react';
import { useNavigation } from '../stores/navigation';
import { useWorkspace } from '../stores/workspace';
import { DatasetsView } from '../views/datasets/DatasetsView';
import { SettingsView } from '../views/settings/SettingsView';
import { DeploymentsView } from '../views/deployments/DeploymentsView';
import { ModelsView } from '../views/models/ModelsView';
import { WorkspaceWelcome } from './WorkspaceWelcome';

// Pipelines and Runs carry the graph and chart libraries: loaded when first opened, so the first paint does not wait for them.
const loadPipelines = () => import('../views/pipelines/PipelinesView');
const loadRuns = () => import('../views/runs/RunsView');
const PipelinesView = lazy(() => loadPipelines().then((m) => ({ default: m.PipelinesView })));
const RunsView = lazy(() => loadRuns().then((m) => ({ default: m.RunsView })));

// Once the first view has painted, fetch those chunks while the user looks, so opening them later waits for nothing.
const idle = (cb: () => void) => ('requestIdleCallback' in window ? window.requestIdleCallback(cb, { timeout: 2000 }) : setTimeout(cb, 500));
idle(
  () =>
    void loadRuns()
      .then(() => loadPipelines())
      .catch(() => undefined),
);

/** The routed view. Views that need a workspace show the picker until one is open; Settings never waits. */
export function ViewHost() {
  const view = useNavigation((s) => s.route.view);
  const current = useWorkspace((s) => s.current);
  const loaded = useWorkspace((s) => s.loaded);
  if (view === 'settings') return <SettingsView />;
  if (!loaded) return null;
  if (!current) return <WorkspaceWelcome />;
  if (view === 'models') return <ModelsView />;
  if (view === 'deployments') return <DeploymentsView />;
  if (view === 'pipelines' || view === 'runs') return <Suspense fallback={null}>{view === 'pipelines' ? <PipelinesView /> : <RunsView />}</Suspense>;
  return <DatasetsView />;
}
