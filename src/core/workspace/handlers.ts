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
  | 'workspace:open' | 'workspace:create' | 'workspace:current' | 'workspace:recent' | 'workspace:close' | 'workspace:check'
  | 'workspace:open-example' | 'workspace:browse' | 'workspace:forget';

export function workspaceHandlers(ctx: ServiceContext): HandlerMap<Ops> {
  const ws = ctx.workspaces;
  const env = ctx.options.env ?? process.env;
  return {
    'workspace:open': ({ path }) => ws.open(userPath(path)),
    'workspace:create': async ({ path, example }) => {
      const dir = userPath(path);
      if (example) await createExampleWorkspace(dir, env);
      return ws.create(dir);
    },
    'workspace:current': () => ws.summary(),
    'workspace:recent': () => ws.recent.list(),
    'workspace:check': () => {
      const w = ws.get();
      const file = w.path(DB_FILE);
      return { path: file, databaseBytes: statSync(file).size, integrity: String(w.db.pragma('quick_check')) };
    },
    'workspace:close': async () => {
      await ws.close();
      return null;
    },
    'workspace:open-example': async () => {
      const dir = exampleDir(env);
      if (!isWorkspace(dir)) await createExampleWorkspace(dir, env);
      return ws.create(dir);
    },
    'workspace:browse': ({ path }) => browseFolders(path ? userPath(path) : homedir()),
    'workspace:forget': ({ path }) => {
      ws.recent.forget(path);
      return ws.recent.list();
    },
  };
}
