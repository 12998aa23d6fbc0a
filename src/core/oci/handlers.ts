import { KilnError } from '../../shared/contract/index.js';
import type { ServiceContext, HandlerMap } from '../service-context.js';
import type { ociOps } from '../../shared/contract/oci.js';
import { DatasetService } from '../datasets/dataset-service.js';
import { ModelService } from '../models/model-service.js';
import { RegistryClient } from './registry-client.js';
import { RegistrySettings } from './registry-settings.js';
import { parseOciRef, formatOciRef, isLoopback, type OciRef } from './reference.js';
import { availableParallelism } from 'node:os';
import { pushDataset } from './dataset-push.js';
import { pullDataset } from './dataset-pull.js';
import { pushModel } from './model-push.js';
import { pullModel } from './model-pull.js';
import { FileUploadSessions } from './upload-sessions.js';
import { EncryptedFileSecretStore } from './secret-store.js';
import type { Workspace } from '../workspace/workspace.js';
import { join } from 'node:path';

/**
 * Blobs in flight at once: a registry on this machine hashes and writes on the same cores as Kiln, so
 * many parallel uploads there only contend; two keep it busy while each waits for its PATCH answers; a remote
 * registry is bound by the network, where several streams fill the link.
 */
function parallelFor(registry: string): number {
  return isLoopback(registry) ? Math.max(2, Math.floor(availableParallelism() / 4)) : 4;
}

/** Unfinished chunked uploads of this workspace, resumed by the next push from any process. */
/** A push's upload sessions; those too old to resume are dropped as it starts. */
const sessionsOf = (ws: Workspace) => {
  const s = new FileUploadSessions(join(ws.kilnDir, 'uploads'));
  s.prune();
  return s;
};

export function ociHandlers(ctx: ServiceContext): HandlerMap<keyof typeof ociOps> {
  const cipher = ctx.options.secretCipher;
  const secrets = cipher ? new EncryptedFileSecretStore(join(ctx.options.kilnHome, 'credentials.enc'), cipher) : null;
  const settings = () => new RegistrySettings(ctx.options.kilnHome, secrets);
  const connect = (
    reference: string,
    insecure: boolean,
    forPush: boolean,
  ): { ref: OciRef; client: RegistryClient; tagOrDigest: string; parallel: number; where: string } => {
    const ref = parseOciRef(reference);
    if (forPush && ref.digest) throw new KilnError('INVALID_INPUT', `push to a tag, not a digest: ${reference}`);
    const s = settings();
    const client = new RegistryClient(ref.registry, { insecure: insecure || s.insecure(ref.registry), credentials: () => s.credential(ref.registry) });
    const tagOrDigest = ref.digest ?? ref.tag ?? 'latest';
    const parallel = parallelFor(ref.registry);
    return { ref, client, tagOrDigest, parallel, where: formatOciRef({ ...ref, ...(ref.digest ? {} : { tag: tagOrDigest }) }) };
  };
  return {
    'datasets:push': (input) =>
      ctx.jobs.run('datasets:push', `Push ${input.dataset}@${input.version} to ${input.target}`, input.jobId, async (job) => {
        const t0 = performance.now();
        const c = connect(input.target, input.insecure, true);
        const ws = ctx.workspaces.get();
        const r = await pushDataset(new DatasetService(ws), input.dataset, input.version, c.client, c.ref.repository, c.tagOrDigest, {
          signal: job.signal,
          sessions: sessionsOf(ws),
          parallel: c.parallel,
          onProgress: (p) => job.progress(p),
          ...(input.chunkSize ? { chunkSize: input.chunkSize } : {}),
        });
        return { reference: c.where, ...r, tags: [], referrers: [], seconds: (performance.now() - t0) / 1000 };
      }),
    'datasets:pull': (input) =>
      ctx.jobs.run('datasets:pull', `Pull ${input.source} as ${input.dataset}`, input.jobId, async (job) => {
        const t0 = performance.now();
        const c = connect(input.source, input.insecure, false);
        const r = await pullDataset(new DatasetService(ctx.workspaces.get()), c.client, c.ref.repository, c.tagOrDigest, input.dataset, {
          signal: job.signal,
          parallel: c.parallel,
          onProgress: (p) => job.progress(p),
        });
        ctx.bus.emit('datasets:changed', { dataset: input.dataset, version: r.version.version });
        return { ...r, seconds: (performance.now() - t0) / 1000 };
      }),
    'models:push': (input) =>
      ctx.jobs.run('models:push', `Push ${input.ref} to ${input.target}`, input.jobId, async (job) => {
        const t0 = performance.now();
        const svc = new ModelService(ctx.workspaces.get());
        const v = svc.get(input.ref);
        const c = connect(input.target, input.insecure, true);
        const r = await pushModel(svc, v, c.client, c.ref.repository, c.tagOrDigest, {
          signal: job.signal,
          sessions: sessionsOf(svc.ws),
          parallel: c.parallel,
          onProgress: (p) => job.progress(p),
          aliasTags: input.aliases,
          ...(input.chunkSize ? { chunkSize: input.chunkSize } : {}),
        });
        return { reference: c.where, ...r, seconds: (performance.now() - t0) / 1000 };
      }),
    'models:pull': (input) =>
      ctx.jobs.run('models:pull', `Pull ${input.source}`, input.jobId, async (job) => {
        const t0 = performance.now();
        const c = connect(input.source, input.insecure, false);
        const r = await pullModel(new ModelService(ctx.workspaces.get()), c.client, c.ref.repository, c.tagOrDigest, input.name, {
          signal: job.signal,
          parallel: c.parallel,
          onProgress: (p) => job.progress(p),
        });
        ctx.bus.emit('models:changed', { name: r.model.name, version: r.model.version });
        return { model: r.model, digest: r.digest, format: r.kind, downloadedBytes: r.downloadedBytes, seconds: (performance.now() - t0) / 1000 };
      }),
    'registries:list': () => settings().list(),
    'registries:save': ({ host, insecure, username, password }) => {
      if ((username === undefined) !== (password === undefined)) throw new KilnError('INVALID_INPUT', 'give both a username and a password, or neither');
      return settings().save(host, insecure, username !== undefined && password !== undefined ? { username, password } : undefined);
    },
    'registries:remove': async ({ host }) => ({ removed: await settings().remove(host) }),
  };
}
