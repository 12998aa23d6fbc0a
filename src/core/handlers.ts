import type { OpName } from '../shared/contract/index.js';
import type { HandlerMap, ServiceContext } from './service-context.js';
import type { Workspace } from './workspace/workspace.js';
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
import { ociHandlers } from './oci/handlers.js';
import { MetricsWriter } from './metrics/metrics-writer.js';
import { resolveRunId } from './runs/resolve-run.js';

/**
 * Every operation of the contract, implemented; the type makes a missing one a compile error.
 * What one domain needs of another is handed over here, explicitly, rather than imported.
 */
export function createHandlers(ctx: ServiceContext): HandlerMap<OpName> {
  const metricsSink = (ws: Workspace) => new MetricsWriter(ws.db, (e) => ctx.bus.emit('metrics:appended', e));
  const resolveRun = (ref: string) => resolveRunId(ctx.workspaces.get().db, ref);
  return {
    ...appHandlers(ctx),
    ...engineHandlers(ctx),
    ...gpuHandlers(ctx),
    ...workspaceHandlers(ctx),
    ...jobHandlers(ctx),
    ...datasetsHandlers(ctx),
    ...pipelinesHandlers(ctx, { metricsSink }),
    ...runsHandlers(ctx),
    ...metricsHandlers(ctx, { resolveRun }),
    ...modelsHandlers(ctx),
    ...ociHandlers(ctx),
  };
}
