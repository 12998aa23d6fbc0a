import { KilnError } from '../../shared/contract/index.js';
import type { ServiceContext, HandlerMap } from '../service-context.js';
import type { metricsOps } from '../../shared/contract/metrics.js';
import { registerMetricsEmitter } from './get-metrics-sink.js';

const notReady = (): never => {
  throw new KilnError('INTERNAL', 'not ready yet');
};

export function metricsHandlers(ctx: ServiceContext): HandlerMap<keyof typeof metricsOps> {
  ctx.workspaces.onOpen((ws) => registerMetricsEmitter(ws, (e) => ctx.bus.emit('metrics:appended', e)));
  return {
    'metrics:list': notReady,
    'metrics:series': notReady,
    'metrics:export': notReady,
  };
}
