import { useMemo } from 'react';
import { useNavigation } from '../stores/navigation';
import { useUi } from '../stores/ui';
import { useEngine } from '../stores/engine';
import { useGpus } from '../stores/gpus';
import { useDatasets } from '../stores/datasets';
import { useIngest } from '../stores/ingest';
import { useModels } from '../stores/models';
import { NAV_ITEMS } from './nav-items';
import { modelCommands } from './model-commands';

export interface Command {
  id: string;
  title: string;
  group: 'Go to' | 'Workspace' | 'Datasets' | 'Models' | 'Engine';
  /** shown on the right, e.g. "G D" */
  hint?: string;
  run(): void;
}

/** Every navigation and action the palette offers, built from current state. */
export function useCommands(): Command[] {
  const navigate = useNavigation((s) => s.navigate);
  const datasets = useDatasets((s) => s.list);
  const models = useModels((s) => s.list);
  const route = useNavigation((s) => s.route);
  return useMemo(() => {
    const cmds: Command[] = NAV_ITEMS.map((i) => ({
      id: `go:${i.view}`,
      title: `${i.label}${i.coming ? ' (coming)' : ''}`,
      group: 'Go to',
      hint: `G ${i.key.toUpperCase()}`,
      run: () => navigate(i.view),
    }));
    cmds.push(
      { id: 'ws:open', title: 'Open or create a workspace…', group: 'Workspace', run: () => useUi.getState().setWorkspaceMenu(true) },
      { id: 'data:add', title: 'Version a folder as a dataset…', group: 'Datasets', run: () => useIngest.getState().chooseFolder() },
      { id: 'data:refresh', title: 'Reload datasets', group: 'Datasets', run: () => void useDatasets.getState().load() },
      { id: 'engine:refresh', title: 'Check the Docker engine again', group: 'Engine', run: () => void useEngine.getState().load() },
      { id: 'engine:details', title: 'Engine and GPU details', group: 'Engine', run: () => navigate('settings') },
      { id: 'gpu:refresh', title: 'Rescan GPUs', group: 'Engine', run: () => void useGpus.getState().load() },
    );
    for (const d of datasets ?? []) {
      cmds.push({ id: `data:open:${d.name}`, title: `Open dataset ${d.name}`, group: 'Datasets', run: () => navigate('datasets', { dataset: d.name }) });
    }
    cmds.push(...modelCommands(models, route, navigate));
    return cmds;
  }, [navigate, datasets, models, route]);
}
