import { useNavigation } from '../stores/navigation';
import { useWorkspace } from '../stores/workspace';
import { DatasetsView } from '../views/datasets/DatasetsView';
import { PipelinesView } from '../views/pipelines/PipelinesView';
import { RunsView } from '../views/runs/RunsView';
import { SettingsView } from '../views/settings/SettingsView';
import { ComingView } from '../views/models/ComingView';
import { WorkspaceWelcome } from './WorkspaceWelcome';

/** The routed view. Views that need a workspace show the picker until one is open; Settings never waits. */
export function ViewHost() {
  const view = useNavigation((s) => s.route.view);
  const current = useWorkspace((s) => s.current);
  const loaded = useWorkspace((s) => s.loaded);
  if (view === 'settings') return <SettingsView />;
  if (view === 'models') return <ComingView title="Models" what="Register trained models from runs, compare them and promote them with aliases." />;
  if (view === 'deployments') return <ComingView title="Deployments" what="Push validated models to registries and clusters, with an audit log." />;
  if (!loaded) return null;
  if (!current) return <WorkspaceWelcome />;
  if (view === 'pipelines') return <PipelinesView />;
  if (view === 'runs') return <RunsView />;
  return <DatasetsView />;
}
