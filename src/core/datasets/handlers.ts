import { KilnError } from '../../shared/contract/index.js';
import type { ServiceContext, HandlerMap } from '../service-context.js';
import type { datasetsOps } from '../../shared/contract/datasets.js';

const notReady = (): never => {
  throw new KilnError('INTERNAL', 'datasets: not ready yet');
};

export function datasetsHandlers(_ctx: ServiceContext): HandlerMap<keyof typeof datasetsOps> {
  return {
    'datasets:list': notReady,
    'datasets:versions': notReady,
    'datasets:version': notReady,
    'datasets:add': notReady,
    'datasets:tree': notReady,
    'datasets:diff': notReady,
    'datasets:checkout': notReady,
    'datasets:preview': notReady,
    'datasets:stats': notReady,
    'datasets:verify': notReady,
    'datasets:gc': notReady,
    'datasets:tag': notReady,
    'datasets:discard-upload': notReady,
  };
}
