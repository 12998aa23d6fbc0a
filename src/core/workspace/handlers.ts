import type { HandlerMap, ServiceContext } from '../service-context.js';
import { statSync } from 'node:fs';
import { createExampleWorkspace } from './example-workspace.js';
import { DB_FILE } from './workspace.js';

type Ops = 'workspace:open' | 'workspace:create' | 'workspace:current' | 'workspace:recent' | 'workspace:close' | 'workspace:check' | 'workspace:integrity';

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
    'workspace:check': () => {
      const w = ws.get();
      const file = w.path(DB_FILE);
      return { path: file, databaseBytes: statSync(file).size, integrity: String(w.db.pragma('quick_check')) };
    },
    'workspace:integrity': () => ws.integrity(),
    'workspace:close': async () => {
      await ws.close();
      return null;
    },
  };
}
