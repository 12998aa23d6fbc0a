import { homedir } from 'node:os';
import { join } from 'node:path';
import type { EventName, EventPayload, OpName, OpOutput, OpInput } from '../shared/contract/index.js';
import { parseOperation } from '../shared/contract/parse.js';
import { EventBus } from './event-bus.js';
import { JobRegistry } from './jobs/job-registry.js';
import { EngineConnection } from './engine/engine-connection.js';
import { WorkspaceService } from './workspace/workspace-service.js';
import { RecentWorkspaces } from './workspace/recent-workspaces.js';
import { isWorkspace } from './workspace/locate-workspace.js';
import { explainLocked } from './db/locked-database.js';
import { DB_FILE, KILN_DIR } from './workspace/workspace.js';
import { openExampleOnFirstLaunch } from './workspace/first-launch.js';
import { createHandlers } from './handlers.js';
import type { CoreOptions } from './core-options.js';
import type { Handler, ServiceContext } from './service-context.js';
import { KILN_VERSION } from './version.js';
import { UploadStager } from './datasets/upload-stager.js';

export interface Core {
  /** Parses `input` with the operation's schema, then runs it. Throws KilnError. */
  invoke<K extends OpName>(name: K, input: OpInput<K> | Record<string, never>): Promise<OpOutput<K>>;
  /** For transports: the name and input arrive untyped and are checked here. */
  invokeUnchecked(name: unknown, input: unknown): Promise<unknown>;
  on<E extends EventName>(name: E, cb: (p: EventPayload<E>) => void): () => void;
  onAny(cb: (name: EventName, payload: unknown) => void): () => void;
  /** browser drops: files streamed into `.kiln/uploads/<id>/`, then added with datasets:add { kind: 'upload' } */
  readonly uploads: Pick<UploadStager, 'write'>;
  close(): Promise<void>;
}

export function defaultKilnHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.KILN_HOME || join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'kiln');
}

/** The core apps get: operations and events only; its insides stay behind the contract. */
export async function createCore(options: CoreOptions): Promise<Core> {
  return (await assembleCore(options)).core;
}

/**
 * The core and the service context it is built on. Not exported from index.ts, so apps cannot
 * reach it; tests use it to inspect the open workspace's database and store directly.
 */
export async function assembleCore(options: CoreOptions): Promise<{ core: Core; context: ServiceContext }> {
  const env = options.env ?? process.env;
  const kilnHome = options.kilnHome ?? defaultKilnHome(env);
  const bus = new EventBus();
  const jobs = new JobRegistry(bus);
  const engine = new EngineConnection(bus, env);
  const workspaces = new WorkspaceService(bus, new RecentWorkspaces(join(kilnHome, 'recent.json')), options.sqliteDriver ?? 'better-sqlite3');
  const context: ServiceContext = { bus, jobs, engine, workspaces, options: { ...options, env, kilnHome, version: options.version ?? KILN_VERSION } };
  const handlers = createHandlers(context);
  if (options.watchEngine) engine.watch(options.engineIntervalMs);
  if (options.workspace && isWorkspace(options.workspace)) {
    const ws = options.workspace;
    await workspaces.open(ws).catch((e: unknown) => {
      throw explainLocked(e, join(ws, KILN_DIR, DB_FILE), ws);
    });
  } else if (options.exampleOnFirstLaunch)
    await openExampleOnFirstLaunch(workspaces, env).catch((e: unknown) =>
      console.warn(`kiln: could not create the example workspace: ${(e as Error).message}`),
    );

  const invokeUnchecked = async (name: unknown, input: unknown): Promise<unknown> => {
    const call = parseOperation(name, input);
    const h = handlers[call.name] as Handler<typeof call.name>;
    try {
      return await h(call.input);
    } catch (e) {
      // "database is locked" says nothing: name who holds it and what to try
      const ws = workspaces.peek();
      throw explainLocked(e, ws ? ws.path(DB_FILE) : null, ws?.root ?? null);
    }
  };

  const core: Core = {
    uploads: new UploadStager(workspaces, env),
    invoke: (name, input) => invokeUnchecked(name, input) as Promise<OpOutput<typeof name>>,
    invokeUnchecked,
    on: (name, cb) => bus.on(name, cb),
    onAny: (cb) => bus.onAny(cb),
    async close() {
      jobs.cancelAll();
      engine.stop();
      await workspaces.close();
    },
  };
  return { core, context };
}
