import type { ServiceContext, HandlerMap } from '../service-context.js';
import type { metricsOps } from '../../shared/contract/metrics.js';
import { querySeries } from './series-query.js';
import { listMetrics } from './list-metrics.js';
import { exportPoints } from './export-points.js';

/** `resolveRun` turns a run reference into an id (the runs domain's resolver, passed in so metrics does not import runs). */
export function metricsHandlers(ctx: ServiceContext, deps: { resolveRun: (ref: string) => string }): HandlerMap<keyof typeof metricsOps> {
  const db = () => ctx.workspaces.get().db;
  const { resolveRun } = deps;
  return {
    'metrics:list': ({ runId }) => listMetrics(db(), resolveRun(runId)),
    'metrics:series': (req) => querySeries(db(), { ...req, runId: resolveRun(req.runId) }),
    'metrics:export': (req) => exportPoints(db(), { ...req, runId: resolveRun(req.runId) }),
  };
}
