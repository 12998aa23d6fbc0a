import type { HandlerMap, ServiceContext } from '../service-context.js';
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { createExampleWorkspace } from './example-workspace.js';
import { DB_FILE } from './workspace.js';
import { userPath } from './user-path.js';
import { browseFolders } from './browse-folders.js';
import { exampleDir } from './first-launch.js';
import { isWorkspace } from './locate-workspace.js';

type Ops =
  | 'workspaces:open' | 'workspaces:create' | 'workspaces:current' | 'workspaces:recent' | 'workspaces:close' | 'workspaces:check'
  | 'workspaces:open-example' | 'workspaces:browse' | 'workspaces:forget';

export function workspaceHandlers(ctx: ServiceContext): HandlerMap<Ops> {
  const ws = ctx.workspaces;
  const env = ctx.options.env ?? process.env;
  return {
    'workspaces:open': ({ path }) => ws.open(userPath(path)),
    'workspaces:create': async ({ path, example }) => {
      const dir = userPath(path);
      if (example) await createExampleWorkspace(dir, env);
      return ws.create(dir);
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
    'workspaces:open-example': async () => {
      const dir = exampleDir(env);
      if (!isWorkspace(dir)) await createExampleWorkspace(dir, env);
      return ws.create(dir);
    },
    'workspaces:browse': ({ path }) => browseFolders(path ? userPath(path) : homedir()),
    'workspaces:forget': ({ path }) => {
      ws.recent.forget(path);
      return ws.recent.list();
    },
  };
}
