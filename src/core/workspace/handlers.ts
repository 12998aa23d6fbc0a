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
      // store formats side by side (migration 010): chunk ids by hash, manifests whole or in pieces
      const counts = (sql: string) => new Map(w.db.prepare(sql).all<{ k: number; n: number }>().map((r) => [r.k, r.n]));
      const chunks = counts('SELECT algo AS k, count(*) AS n FROM store_chunks GROUP BY algo');
      const manifests = counts('SELECT pieced AS k, count(*) AS n FROM store_manifests GROUP BY pieced');
      const store = { chunksSha256: chunks.get(0) ?? 0, chunksBlake3: chunks.get(1) ?? 0, manifestsWhole: manifests.get(0) ?? 0, manifestsPieced: manifests.get(1) ?? 0 };
      return { path: file, databaseBytes: statSync(file).size, integrity: String(w.db.pragma('quick_check')), store };
    },
    'workspaces:close': async () => {
      await ws.close();
      return null;
    },
  };
}
