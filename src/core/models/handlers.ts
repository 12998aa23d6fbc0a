import { resolve } from 'node:path';
import { KilnError } from '../../shared/contract/index.js';
import type { ServiceContext, HandlerMap } from '../service-context.js';
import type { modelsOps } from '../../shared/contract/models.js';
import { UploadStager } from '../datasets/upload-stager.js';
import { ModelService, type RegisterSource } from './model-service.js';

const todo = (op: string) => (): never => {
  throw new KilnError('NOT_IMPLEMENTED', `${op} is not implemented yet`);
};

export function modelsHandlers(ctx: ServiceContext): HandlerMap<keyof typeof modelsOps> {
  const svc = () => new ModelService(ctx.workspaces.get());
  const uploads = new UploadStager(ctx.workspaces);
  return {
    'models:list': () => svc().list(new Set()),
    'models:versions': ({ name, offset, limit }) => svc().versions(name, offset, limit),
    'models:get': ({ ref }) => svc().get(ref),
    'models:register': (input) =>
      ctx.jobs.run('models:register', `Register ${input.name}`, input.jobId, async (job) => {
        let source: RegisterSource;
        if ('fromRun' in input) source = { kind: 'run', run: input.fromRun, output: input.output };
        else if ('uploadId' in input) {
          if (!uploads.exists(input.uploadId)) throw new KilnError('NOT_FOUND', `upload ${input.uploadId} has no files; send them with PUT /api/upload/${input.uploadId}?path=… first`);
          source = { kind: 'path', path: uploads.dir(input.uploadId) };
        } else source = { kind: 'path', path: resolve(input.path) };
        const v = await svc().register(input.name, source, { message: input.message, signal: job.signal, onProgress: (p) => job.progress(p) });
        if ('uploadId' in input) uploads.discard(input.uploadId);
        ctx.bus.emit('models:changed', { name: v.name, version: v.version });
        return v;
      }),
    'models:validate': todo('models:validate'),
    'models:promote': todo('models:promote'),
    'models:rollback': todo('models:rollback'),
    'models:history': todo('models:history'),
    'models:checkout': ({ ref, dir, jobId }) =>
      ctx.jobs.run('models:checkout', `Check out ${ref}`, jobId, (job) => svc().checkout(ref, resolve(dir), { signal: job.signal, onProgress: (p) => job.progress(p) })),
    'models:files': ({ ref }) => svc().files(ref),
    'models:preview': ({ ref, path, limit }) => svc().preview(ref, path, limit),
    'models:card-set': ({ ref, card }) => {
      const v = svc().setCard(ref, card);
      ctx.bus.emit('models:changed', { name: v.name, version: v.version });
      return v;
    },
    'models:compare': ({ a, b }) => svc().compare(a, b),
    'models:predict': todo('models:predict'),
    'models:config': todo('models:config'),
    'models:backend': todo('models:backend'),
  };
}
