import type { HandlerMap, ServiceContext } from '../service-context.js';
import { listGpus } from './list-gpus.js';

export function gpuHandlers(ctx: ServiceContext): HandlerMap<'gpu:list'> {
  return { 'gpu:list': () => listGpus(ctx.options.env) };
}
