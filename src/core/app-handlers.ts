import { KilnError } from '../shared/contract/index.js';
import type { HandlerMap, ServiceContext } from './service-context.js';

export function appHandlers(ctx: ServiceContext): HandlerMap<'app:info' | 'app:pick-folder'> {
  return {
    'app:info': () => ({ version: ctx.options.version, node: process.versions.node, platform: `${process.platform}-${process.arch}`, host: ctx.options.host }),
    'app:pick-folder': () => {
      if (!ctx.options.pickFolder)
        throw new KilnError(
          'UNSUPPORTED',
          `a native folder picker exists only in the desktop app (this is ${ctx.options.host} mode): type the folder's path instead`,
        );
      return ctx.options.pickFolder();
    },
  };
}
