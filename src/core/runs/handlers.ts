import { KilnError } from '../../shared/contract/index.js';
import type { ServiceContext, HandlerMap } from '../service-context.js';
import type { runsOps } from '../../shared/contract/runs.js';

const notReady = (): never => {
  throw new KilnError('INTERNAL', 'not ready yet');
};

export function runsHandlers(_ctx: ServiceContext): HandlerMap<keyof typeof runsOps> {
  return {
    'runs:list': notReady,
    'runs:get': notReady,
    'runs:compare': notReady,
    'runs:tag': notReady,
    'runs:note': notReady,
    'runs:delete': notReady,
    'runs:import': notReady,
  };
}
