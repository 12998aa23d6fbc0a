import type { HandlerMap, ServiceContext } from '../service-context.js';
import { buildLocalNodeImage } from './local-node-image.js';

export function engineHandlers(ctx: ServiceContext): HandlerMap<'engine:status' | 'engine:info' | 'engine:build-node-image'> {
  return {
    'engine:status': () => (ctx.engine.current().checkedAt ? ctx.engine.current() : ctx.engine.check()),
    'engine:info': () => ctx.engine.info(),
    'engine:build-node-image': ({ jobId }) =>
      ctx.jobs.run('engine:build-node-image', 'Build a local node image', jobId, async (job) => {
        const docker = await ctx.engine.require();
        return buildLocalNodeImage(docker, (message, notice) => job.progress({ phase: 'build', message }, notice), ctx.options.env ?? process.env);
      }),
  };
}
