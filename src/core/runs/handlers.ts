import type { ServiceContext, HandlerMap } from '../service-context.js';
import type { runsOps } from '../../shared/contract/runs.js';

export function runsHandlers(_ctx: ServiceContext): HandlerMap<keyof typeof runsOps> {
  return {};
}
