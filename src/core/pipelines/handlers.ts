import type { ServiceContext, HandlerMap } from '../service-context.js';
import type { pipelinesOps } from '../../shared/contract/pipelines.js';
import { PipelineService } from './pipeline-service.js';

export function pipelinesHandlers(ctx: ServiceContext): HandlerMap<keyof typeof pipelinesOps> {
  const svc = new PipelineService(ctx);
  return {
    'pipelines:get': ({ status }) => svc.get(status),
    'pipelines:run': (input) => svc.run(input),
    'pipelines:images': () => svc.images(),
    'pipelines:spec-read': () => svc.specRead(),
    'pipelines:spec-check': ({ text }) => svc.specCheck(text),
    'pipelines:spec-write': ({ text }) => svc.specWrite(text),
    'pipelines:spec-schema': () => svc.specSchema(),
    'pipelines:cancel': ({ runId }) => svc.cancel(runId),
    'pipelines:status': ({ stages }) => svc.status(stages),
    'pipelines:logs': (input) => svc.logs(input),
    'pipelines:run-get': ({ runId }) => svc.runGet(runId),
  };
}
