import type { HandlerMap, ServiceContext } from '../service-context.js';
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { createExampleWorkspace } from './example-workspace.js';
import { addExampleData } from './example-data.js';
import { DB_FILE } from './workspace.js';
import { userPath } from './user-path.js';
import { browseFolders } from './browse-folders.js';
import { exampleDir } from './first-launch.js';
import { isWorkspace } from './locate-workspace.js';

type Ops =
  | 'workspaces:open'
  | 'workspaces:create'
  | 'workspaces:current'
  | 'workspaces:recent'
  | 'workspaces:close'
  | 'workspaces:check'
  | 'workspaces:integrity'
  | 'workspaces:open-example'
  | 'workspaces:browse'
  | 'workspaces:forget';

export function workspaceHandlers(ctx: ServiceContext): HandlerMap<Ops> {
  const ws = ctx.workspaces;
  const env = ctx.options.env ?? process.env;
  return {
    'workspaces:open': ({ path }) => ws.open(userPath(path)),
    'workspaces:create': async ({ path, example }) => {
      const dir = userPath(path);
      if (example) await createExampleWorkspace(dir, env);
      const summary = await ws.create(dir);
      if (example) await addExampleData(ws.get());
      return summary;
    },
    'workspaces:current': () => ws.summary(),
    'workspaces:recent': () => ws.recent.list(),
    'workspaces:check': () => {
      const w = ws.get();
      const file = w.path(DB_FILE);
      // store formats side by side (migration 010): chunk ids by hash, manifests whole or in pieces
      const counts = (sql: string) =>
        new Map(
          w.db
            .prepare(sql)
            .all<{ k: number; n: number }>()
            .map((r) => [r.k, r.n]),
        );
      const chunks = counts('SELECT algo AS k, count(*) AS n FROM store_chunks GROUP BY algo');
      const manifests = counts('SELECT pieced AS k, count(*) AS n FROM store_manifests GROUP BY pieced');
      const store = {
        chunksSha256: chunks.get(0) ?? 0,
        chunksBlake3: chunks.get(1) ?? 0,
        manifestsWhole: manifests.get(0) ?? 0,
        manifestsPieced: manifests.get(1) ?? 0,
      };
      return { path: file, databaseBytes: statSync(file).size, integrity: String(w.db.pragma('quick_check')), store };
    },
    'workspaces:integrity': () => ws.integrity(),
    'workspaces:close': async () => {
      await ws.close();
      return null;
    },
    'workspaces:open-example': async () => {
      const dir = exampleDir(env);
      const fresh = !isWorkspace(dir);
      if (fresh) await createExampleWorkspace(dir, env);
      const summary = await ws.create(dir);
      if (fresh) await addExampleData(ws.get());
      return summary;
    },
    'workspaces:browse': ({ path }) => browseFolders(path ? userPath(path) : homedir()),
    'workspaces:forget': ({ path }) => {
      ws.recent.forget(path);
      return ws.recent.list();
    },
  };
}
