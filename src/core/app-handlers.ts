import type { HandlerMap, ServiceContext } from './service-context.js';

export function appHandlers(ctx: ServiceContext): HandlerMap<'app:info'> {
  return {
    'app:info': () => ({ version: ctx.options.version, node: process.versions.node, platform: `${process.platform}-${process.arch}`, host: ctx.options.host }),
  };
}
