import type { ServiceContext, HandlerMap } from '../service-context.js';
import type { pipelinesOps } from '../../shared/contract/pipelines.js';
import { PipelineService } from './pipeline-service.js';

export function pipelinesHandlers(ctx: ServiceContext): HandlerMap<keyof typeof pipelinesOps> {
  const svc = new PipelineService(ctx);
  return {
    'pipeline:get': ({ status }) => svc.get(status),
    'pipeline:run': (input) => svc.run(input),
    'pipeline:images': () => svc.images(),
    'pipeline:cancel': ({ runId }) => svc.cancel(runId),
    'pipeline:status': ({ stages }) => svc.status(stages),
    'pipeline:logs': (input) => svc.logs(input),
    'pipeline:run-get': ({ runId }) => svc.runGet(runId),
  };
}
