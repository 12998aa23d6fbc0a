import type { OpName, OpOutput, OpParsed } from '../shared/contract/index.js';
import type { EventBus } from './event-bus.js';
import type { JobRegistry } from './jobs/job-registry.js';
import type { EngineConnection } from './engine/engine-connection.js';
import type { WorkspaceService } from './workspace/workspace-service.js';
import type { CoreOptions } from './core-options.js';

/** What every domain's handlers get: the shared owners, never each other's internals. */
export interface ServiceContext {
  readonly bus: EventBus;
  readonly jobs: JobRegistry;
  readonly engine: EngineConnection;
  readonly workspaces: WorkspaceService;
  readonly options: Required<Pick<CoreOptions, 'host' | 'version' | 'kilnHome'>> & CoreOptions;
}

export type Handler<K extends OpName> = (input: OpParsed<K>) => Promise<OpOutput<K>> | OpOutput<K>;
export type HandlerMap<K extends OpName> = { [P in K]: Handler<P> };
