import type { HandlerMap, ServiceContext } from '../service-context.js';

export function jobHandlers(ctx: ServiceContext): HandlerMap<'jobs:cancel' | 'jobs:list'> {
  return {
    'jobs:cancel': ({ jobId }) => ({ cancelled: ctx.jobs.cancel(jobId) }),
    'jobs:list': () => ctx.jobs.list(),
  };
}
