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
import { deployHandlers } from './deploy/handlers.js';
import type { InvokeOp } from './deploy/model-source.js';
import { parseOperation } from '../shared/contract/parse.js';

/** Every operation of the contract, implemented; the type makes a missing one a compile error. */
export function createHandlers(ctx: ServiceContext): HandlerMap<OpName> {
  // deploy drives the model registry through its operations (parsed like any caller's input)
  const invoke: InvokeOp = async (name, input) => {
    const call = parseOperation(name, input);
    return (all[call.name] as (i: unknown) => unknown)(call.input) as never;
  };
  const all: HandlerMap<OpName> = {
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
    ...deployHandlers(ctx, invoke),
  };
  return all;
}
