import type { ServiceContext, HandlerMap } from '../service-context.js';
import type { pipelinesOps } from '../../shared/contract/pipelines.js';
import type { Workspace } from '../workspace/workspace.js';
import type { MetricsSink } from '../metrics/metrics-api.js';
import { PipelineService } from './pipeline-service.js';

export function pipelinesHandlers(ctx: ServiceContext, deps: { metricsSink: (ws: Workspace) => MetricsSink }): HandlerMap<keyof typeof pipelinesOps> {
  const svc = new PipelineService(ctx, deps.metricsSink);
  return {
    'pipelines:get': ({ status }) => svc.get(status),
    'pipelines:run': (input) => svc.run(input),
    'pipelines:plan': (input) => svc.plan(input),
    'pipelines:images': () => svc.images(),
    'pipelines:spec-read': () => svc.specRead(),
    'pipelines:spec-check': ({ text }) => svc.specCheck(text),
    'pipelines:spec-write': ({ text }) => svc.specWrite(text),
    'pipelines:spec-schema': () => svc.specSchema(),
    'pipelines:cancel': ({ runId }) => svc.cancel(runId),
    'pipelines:status': ({ stages }) => svc.status(stages),
    'pipelines:logs': (input) => svc.logs(input),
  };
}
