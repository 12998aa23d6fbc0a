import type { HandlerMap, ServiceContext } from '../service-context.js';
import { listGpus } from './list-gpus.js';

export function gpuHandlers(ctx: ServiceContext): HandlerMap<'gpus:list'> {
  return { 'gpus:list': () => listGpus(ctx.options.env) };
}
