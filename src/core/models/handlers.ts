import { KilnError } from '../../shared/contract/index.js';
import type { ServiceContext, HandlerMap } from '../service-context.js';
import type { modelsOps } from '../../shared/contract/models.js';

const todo = (op: string) => (): never => {
  throw new KilnError('NOT_IMPLEMENTED', `${op} is not implemented yet`);
};

export function modelsHandlers(_ctx: ServiceContext): HandlerMap<keyof typeof modelsOps> {
  return {
    'models:list': todo('models:list'),
    'models:versions': todo('models:versions'),
    'models:get': todo('models:get'),
    'models:register': todo('models:register'),
    'models:validate': todo('models:validate'),
    'models:promote': todo('models:promote'),
    'models:rollback': todo('models:rollback'),
    'models:history': todo('models:history'),
    'models:checkout': todo('models:checkout'),
    'models:files': todo('models:files'),
    'models:preview': todo('models:preview'),
    'models:card-set': todo('models:card-set'),
    'models:compare': todo('models:compare'),
    'models:predict': todo('models:predict'),
    'models:config': todo('models:config'),
    'models:backend': todo('models:backend'),
  };
}
