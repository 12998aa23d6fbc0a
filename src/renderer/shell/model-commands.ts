import type { ModelSummary } from '../../shared/contract/index.js';
import type { Route, ViewName } from '../stores/navigation';
import { useModels } from '../stores/models';
import { useModelDialogs } from '../views/models/model-dialogs';
import { chooseModelFolder } from '../views/models/choose-model-folder';
import type { Command } from './use-commands';

/** The Models actions the palette offers: register, and for the open version evaluate, promote, compare; rollback per alias. */
export function modelCommands(models: ModelSummary[] | null, route: Route, navigate: (view: ViewName, params?: Record<string, string>) => void): Command[] {
  const cmds: Command[] = [
    {
      id: 'models:register',
      title: 'Register a model folder…',
      group: 'Models',
      run: () => {
        navigate('models', route.view === 'models' && route.params.model ? { model: route.params.model } : {});
        chooseModelFolder();
      },
    },
    { id: 'models:refresh', title: 'Reload models', group: 'Models', run: () => void useModels.getState().load() },
  ];
  const { model, version } = route.params;
  if (route.view === 'models' && model && version && /^\d+$/.test(version)) {
    const v = Number(version);
    cmds.push(
      { id: 'models:promote', title: `Promote ${model} v${v}…`, group: 'Models', run: () => useModelDialogs.getState().openPromote(model, v) },
      {
        id: 'models:evaluate',
        title: `Evaluate ${model} v${v} on the holdout`,
        group: 'Models',
        run: () =>
          void useModels
            .getState()
            .validate(`${model}@${v}`)
            .catch(() => undefined),
      },
    );
    if (v > 1)
      cmds.push({
        id: 'models:compare',
        title: `Compare ${model} v${v} with v${v - 1}`,
        group: 'Models',
        run: () => navigate('models', { model, compare: `${v - 1},${v}` }),
      });
  }
  for (const m of models ?? []) {
    cmds.push({ id: `models:open:${m.name}`, title: `Open model ${m.name}`, group: 'Models', run: () => navigate('models', { model: m.name }) });
    for (const alias of Object.keys(m.aliases))
      cmds.push({
        id: `models:rollback:${m.name}:${alias}`,
        title: `Roll back ${m.name} ${alias}…`,
        group: 'Models',
        run: () => {
          navigate('models', { model: m.name });
          useModelDialogs.getState().openRollback(m.name, alias);
        },
      });
  }
  return cmds;
}
