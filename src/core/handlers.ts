import type { OpName } from '../shared/contract/index.js';
import type { HandlerMap, ServiceContext } from './service-context.js';
import { appHandlers } from './app-handlers.js';
import { engineHandlers } from './engine/handlers.js';
import { gpuHandlers } from './gpu/handlers.js';
import { workspaceHandlers } from './workspace/handlers.js';
import { jobHandlers } from './jobs/handlers.js';
import { datasetsHandlers } from './datasets/handlers.js';
import { pipelinesHandlers } from './pipelines/handlers.js';
import { runsHandlers } from './runs/handlers.js';
import { metricsHandlers } from './metrics/handlers.js';
import { modelsHandlers } from './models/handlers.js';

/** Every operation of the contract, implemented; the type makes a missing one a compile error. */
export function createHandlers(ctx: ServiceContext): HandlerMap<OpName> {
  return {
    ...appHandlers(ctx),
    ...engineHandlers(ctx),
    ...gpuHandlers(ctx),
    ...workspaceHandlers(ctx),
    ...jobHandlers(ctx),
    ...datasetsHandlers(ctx),
    ...pipelinesHandlers(ctx),
    ...runsHandlers(ctx),
    ...metricsHandlers(ctx),
    ...modelsHandlers(ctx),
  };
}
