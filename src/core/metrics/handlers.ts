import type { ServiceContext, HandlerMap } from '../service-context.js';
import type { metricsOps } from '../../shared/contract/metrics.js';
import { resolveRunId } from '../runs/resolve-run.js';
import { registerMetricsEmitter } from './get-metrics-sink.js';
import { querySeries } from './series-query.js';
import { listMetrics } from './list-metrics.js';
import { exportPoints } from './export-points.js';

export function metricsHandlers(ctx: ServiceContext): HandlerMap<keyof typeof metricsOps> {
  // sinks made by pipelines for this workspace emit on this core's bus
  ctx.workspaces.onOpen((ws) => {
    registerMetricsEmitter(ws, (e) => ctx.bus.emit('metrics:appended', e));
  });
  const db = () => ctx.workspaces.get().db;
  return {
    'metrics:list': ({ runId }) => listMetrics(db(), resolveRunId(db(), runId)),
    'metrics:series': (req) => querySeries(db(), { ...req, runId: resolveRunId(db(), req.runId) }),
    'metrics:export': (req) => exportPoints(db(), { ...req, runId: resolveRunId(db(), req.runId) }),
  };
}
