import type { HandlerMap, ServiceContext } from '../service-context.js';

export function engineHandlers(ctx: ServiceContext): HandlerMap<'engine:status' | 'engine:info'> {
  return {
    'engine:status': () => (ctx.engine.current().checkedAt ? ctx.engine.current() : ctx.engine.check()),
    'engine:info': () => ctx.engine.info(),
  };
}
