import type { HandlerMap, ServiceContext } from '../service-context.js';

export function jobHandlers(ctx: ServiceContext): HandlerMap<'job:cancel' | 'job:list'> {
  return {
    'job:cancel': ({ jobId }) => ({ cancelled: ctx.jobs.cancel(jobId) }),
    'job:list': () => ctx.jobs.list(),
  };
}
