import type { ServiceContext, HandlerMap } from '../service-context.js';
import type { datasetsOps } from '../../shared/contract/datasets.js';

export function datasetsHandlers(_ctx: ServiceContext): HandlerMap<keyof typeof datasetsOps> {
  return {};
}
