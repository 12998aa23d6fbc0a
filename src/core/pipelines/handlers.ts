import type { ServiceContext, HandlerMap } from '../service-context.js';
import type { pipelinesOps } from '../../shared/contract/pipelines.js';

export function pipelinesHandlers(_ctx: ServiceContext): HandlerMap<keyof typeof pipelinesOps> {
  return {};
}
