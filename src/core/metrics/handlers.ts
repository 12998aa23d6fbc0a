import type { ServiceContext, HandlerMap } from '../service-context.js';
import type { metricsOps } from '../../shared/contract/metrics.js';

export function metricsHandlers(_ctx: ServiceContext): HandlerMap<keyof typeof metricsOps> {
  return {};
}
