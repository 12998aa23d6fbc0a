import type { ServiceContext, HandlerMap } from '../service-context.js';
import type { pipelinesOps } from '../../shared/contract/pipelines.js';
import { PipelineService } from './pipeline-service.js';

export function pipelinesHandlers(ctx: ServiceContext): HandlerMap<keyof typeof pipelinesOps> {
  const svc = new PipelineService(ctx);
  return {
    'pipelines:get': ({ status }) => svc.get(status),
    'pipelines:run': (input) => svc.run(input),
    'pipelines:images': () => svc.images(),
    'pipelines:cancel': ({ runId }) => svc.cancel(runId),
    'pipelines:status': ({ stages }) => svc.status(stages),
    'pipelines:logs': (input) => svc.logs(input),
    'pipelines:run-get': ({ runId }) => svc.runGet(runId),
  };
}
