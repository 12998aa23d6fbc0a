import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { KilnError } from '../../shared/contract/index.js';
import type { ServiceContext, HandlerMap } from '../service-context.js';
import type { datasetsOps } from '../../shared/contract/datasets.js';
import { DatasetService } from './dataset-service.js';
import { UploadStager } from './upload-stager.js';
import { recoverStore } from './recover-store.js';
import { treeFromListing } from './upload-listing.js';
import type { ManifestEntry } from './manifest.js';

export function datasetsHandlers(ctx: ServiceContext): HandlerMap<keyof typeof datasetsOps> {
  const svc = () => new DatasetService(ctx.workspaces.get());
  const uploads = new UploadStager(ctx.workspaces);
  return {
    'datasets:list': () => svc().repo.list(),
    'datasets:versions': ({ dataset }) => svc().repo.versions(dataset),
    'datasets:version': ({ dataset, version }) => svc().repo.resolve(dataset, version),
    'datasets:add': (input) =>
      ctx.jobs.run('datasets:add', `Add ${input.dataset}`, input.jobId, async (job) => {
        const src = input.source;
        const s = svc();
        let sources: string[];
        let transform: ((entries: ManifestEntry[]) => ManifestEntry[]) | undefined;
        if (src.kind === 'upload') {
          if (src.files) {
            // a listed upload may send nothing at all: every file already in the store
            mkdirSync(uploads.dir(src.uploadId), { recursive: true });
            const listing = src.files;
            const stored = s.filesByDigest(listing.map((f) => f.digest));
            transform = (entries) => treeFromListing(entries, listing, stored);
          } else if (!uploads.exists(src.uploadId))
            throw new KilnError('NOT_FOUND', `upload ${src.uploadId} has no files; send them with PUT /api/upload/${src.uploadId}?path=… first`);
          sources = [uploads.dir(src.uploadId)];
        } else sources = src.paths.map((p) => resolve(p));
        const r = await s.add(input.dataset, sources, {
          message: input.message,
          author: input.author,
          signal: job.signal,
          onProgress: (p) => job.progress(p),
          ...(transform ? { transform } : {}),
        });
        if (src.kind === 'upload') uploads.discard(src.uploadId);
        ctx.bus.emit('datasets:changed', { dataset: input.dataset, version: r.version.version });
        return r;
      }),
    'datasets:tree': ({ dataset, version }) => svc().tree(dataset, version),
    'datasets:diff': ({ dataset, from, to, rows }) => svc().diff(dataset, from, to, { rows }),
    'datasets:diff-table': ({ dataset, from, to, path, fromPath, key, limit }) =>
      svc().diffTable(dataset, from, to, path, { limit, ...(fromPath !== undefined ? { fromPath } : {}), ...(key !== undefined ? { key } : {}) }),
    'datasets:checkout': ({ dataset, version, dir, jobId }) =>
      ctx.jobs.run('datasets:checkout', `Check out ${dataset}@${version}`, jobId, (job) =>
        svc().checkout(dataset, version, resolve(dir), { signal: job.signal, onProgress: (p) => job.progress(p) }),
      ),
    'datasets:preview': ({ dataset, version, path, limit }) => svc().preview(dataset, version, path, limit),
    'datasets:stats': ({ dataset, version, path }) => svc().stats(dataset, version, path),
    'datasets:verify': ({ jobId }) =>
      ctx.jobs.run('datasets:verify', 'Verify the data store', jobId, (job) => svc().verify({ signal: job.signal, onProgress: (p) => job.progress(p) })),
    'datasets:gc': ({ jobId }) =>
      ctx.jobs.run('datasets:gc', 'Collect unused data', jobId, async (job) => {
        const r = await svc().gc({ signal: job.signal, onProgress: (p) => job.progress(p) });
        ctx.bus.emit('datasets:changed', { dataset: null });
        return r;
      }),
    'datasets:recover': ({ path, jobId }) =>
      ctx.jobs.run('datasets:recover', 'Recover datasets from the store', jobId, async (job) => {
        const r = await ctx.workspaces.recover(path, (ws) => recoverStore(ws, { signal: job.signal, onProgress: (p) => job.progress(p) }));
        ctx.bus.emit('datasets:changed', { dataset: null });
        return r;
      }),
    'datasets:tag': ({ dataset, version, tag, remove }) => {
      const v = svc().tag(dataset, version, tag, remove);
      ctx.bus.emit('datasets:changed', { dataset, version: v.version });
      return v;
    },
    'datasets:have': ({ digests }) => {
      const found = svc().filesByDigest(digests);
      return { have: digests.filter((d) => found.has(d)) };
    },
    'datasets:discard-upload': ({ uploadId }) => ({ removed: uploads.discard(uploadId) }),
  };
}
