import type { HandlerMap, ServiceContext } from '../service-context.js';
import { statSync } from 'node:fs';
import { createExampleWorkspace } from './example-workspace.js';
import { DB_FILE } from './workspace.js';

type Ops = 'workspaces:open' | 'workspaces:create' | 'workspaces:current' | 'workspaces:recent' | 'workspaces:close' | 'workspaces:check';

export function workspaceHandlers(ctx: ServiceContext): HandlerMap<Ops> {
  const ws = ctx.workspaces;
  return {
    'workspaces:open': ({ path }) => ws.open(path),
    'workspaces:create': async ({ path, example }) => {
      if (example) await createExampleWorkspace(path, ctx.options.env);
      return ws.create(path);
    },
    'workspaces:current': () => ws.summary(),
    'workspaces:recent': () => ws.recent.list(),
    'workspaces:check': () => {
      const w = ws.get();
      const file = w.path(DB_FILE);
      return { path: file, databaseBytes: statSync(file).size, integrity: String(w.db.pragma('quick_check')) };
    },
    'workspaces:close': async () => {
      await ws.close();
      return null;
    },
  };
}
