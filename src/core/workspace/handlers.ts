import type { HandlerMap, ServiceContext } from '../service-context.js';
import { createExampleWorkspace } from './example-workspace.js';

type Ops = 'workspace:open' | 'workspace:create' | 'workspace:current' | 'workspace:recent' | 'workspace:close';

export function workspaceHandlers(ctx: ServiceContext): HandlerMap<Ops> {
  const ws = ctx.workspaces;
  return {
    'workspace:open': ({ path }) => ws.open(path),
    'workspace:create': async ({ path, example }) => {
      if (example) await createExampleWorkspace(path, ctx.options.env);
      return ws.create(path);
    },
    'workspace:current': () => ws.summary(),
    'workspace:recent': () => ws.recent.list(),
    'workspace:close': async () => {
      await ws.close();
      return null;
    },
  };
}
