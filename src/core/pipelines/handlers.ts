import type { ServiceContext, HandlerMap } from '../service-context.js';
import type { pipelinesOps } from '../../shared/contract/pipelines.js';
import { KilnError } from '../../shared/contract/errors.js';

const notReady = (): never => {
  throw new KilnError('INTERNAL', 'pipelines are not implemented yet');
};

export function pipelinesHandlers(_ctx: ServiceContext): HandlerMap<keyof typeof pipelinesOps> {
  return {
    'pipeline:get': notReady,
    'pipeline:run': notReady,
    'pipeline:cancel': notReady,
    'pipeline:status': notReady,
    'pipeline:logs': notReady,
    'pipeline:run-get': notReady,
  };
}
