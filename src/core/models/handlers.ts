import { resolve } from 'node:path';
import { KilnError } from '../../shared/contract/index.js';
import type { ServiceContext, HandlerMap } from '../service-context.js';
import type { modelsOps } from '../../shared/contract/models.js';
import { UploadStager } from '../datasets/upload-stager.js';
import { ModelService, type RegisterSource } from './model-service.js';
import { readModelConfigs } from './model-config.js';
import { configOf, promote, rollback, validateVersion } from './promotion.js';
import { predict } from './predict.js';
import { backendInfo } from './eval/backend-info.js';

export function modelsHandlers(ctx: ServiceContext): HandlerMap<keyof typeof modelsOps> {
  const svc = () => new ModelService(ctx.workspaces.get());
  const uploads = new UploadStager(ctx.workspaces);
  return {
    'models:list': () => {
      const s = svc();
      let declared = new Set<string>();
      try {
        declared = new Set(readModelConfigs(s.ws.root).keys());
      } catch {
        // a kiln.yaml with a mistake still lists the registry; validate and promote report the mistake
      }
      return s.list(declared);
    },
    'models:versions': ({ name, offset, limit }) => svc().versions(name, offset, limit),
    'models:get': ({ ref }) => svc().get(ref),
    'models:register': (input) =>
      ctx.jobs.run('models:register', `Register ${input.name}`, input.jobId, async (job) => {
        let source: RegisterSource;
        if ('fromRun' in input) source = { kind: 'run', run: input.fromRun, output: input.output };
        else if ('uploadId' in input) {
          if (!uploads.exists(input.uploadId))
            throw new KilnError('NOT_FOUND', `upload ${input.uploadId} has no files; send them with PUT /api/upload/${input.uploadId}?path=… first`);
          source = { kind: 'path', path: uploads.dir(input.uploadId) };
        } else source = { kind: 'path', path: resolve(input.path) };
        const v = await svc().register(input.name, source, { message: input.message, signal: job.signal, onProgress: (p) => job.progress(p) });
        if ('uploadId' in input) uploads.discard(input.uploadId);
        ctx.bus.emit('models:changed', { name: v.name, version: v.version });
        return v;
      }),
    'models:validate': ({ ref, jobId }) =>
      ctx.jobs.run('models:validate', `Validate ${ref}`, jobId, async (job) => {
        const r = await validateVersion(svc(), ref, { signal: job.signal, onProgress: (p) => job.progress(p) });
        ctx.bus.emit('models:changed', { name: ref.slice(0, ref.lastIndexOf('@')), version: r.version });
        return r;
      }),
    'models:promote': ({ jobId, ...input }) =>
      ctx.jobs.run('models:promote', `Promote ${input.ref} to ${input.alias}`, jobId, async (job) => {
        const e = await promote(svc(), input, { signal: job.signal, onProgress: (p) => job.progress(p) });
        ctx.bus.emit('models:changed', { name: e.name, version: e.toVersion, alias: e.alias });
        return e;
      }),
    'models:rollback': (input) => {
      const e = rollback(svc(), input);
      ctx.bus.emit('models:changed', { name: e.name, version: e.toVersion, alias: e.alias });
      return e;
    },
    'models:history': ({ name, alias }) => ({ name, events: svc().repo.history(name, alias) }),
    'models:checkout': ({ ref, dir, jobId }) =>
      ctx.jobs.run('models:checkout', `Check out ${ref}`, jobId, (job) =>
        svc().checkout(ref, resolve(dir), { signal: job.signal, onProgress: (p) => job.progress(p) }),
      ),
    'models:files': ({ ref }) => svc().files(ref),
    'models:preview': ({ ref, path, limit }) => svc().preview(ref, path, limit),
    'models:card-set': ({ ref, card }) => {
      const v = svc().setCard(ref, card);
      ctx.bus.emit('models:changed', { name: v.name, version: v.version });
      return v;
    },
    'models:compare': ({ a, b }) => svc().compare(a, b),
    'models:predict': ({ ref, inputs }) => predict(svc(), ref, inputs),
    'models:config': ({ name }) => {
      const c = configOf(svc(), name);
      return c ? { name: c.name, holdout: c.holdout, label: c.label, gates: c.gates, file: c.file } : null;
    },
    'models:backend': () => backendInfo(),
  };
}
