import type { DatasetApiFactory } from './dataset-api.js';
import { DatasetService } from './dataset-service.js';
import { checkoutTree } from './checkout.js';
import { chunksOf } from './manifest.js';

/** The datasets domain as other domains (pipelines) see it. */
export const getDatasetApi: DatasetApiFactory = (ws) => {
  const svc = new DatasetService(ws);
  return {
    resolve(name, ref) {
      const v = svc.repo.resolve(name, ref);
      return { dataset: v.dataset, version: v.version, digest: v.digest };
    },
    async materialize(digest, dir, opts = {}) {
      const m = svc.manifests.get(digest);
      try {
        await checkoutTree(svc.store, m, dir, {
          signal: opts.signal,
          onProgress: (p) => opts.onProgress?.({ phase: 'materializing', ...p }),
          label: digest.slice(0, 19),
          readOnly: true,
        });
      } finally {
        svc.store.closeFds();
      }
    },
    async addFolder(name, dir, opts) {
      const r = await svc.add(name, [dir], { message: opts.message, author: opts.author, signal: opts.signal, onProgress: opts.onProgress });
      return { dataset: r.version.dataset, version: r.version.version, digest: r.version.digest };
    },
    async storeTree(dir, opts = {}) {
      const r = await svc.storeTree([dir], {
        signal: opts.signal,
        onProgress: opts.onProgress,
        // a root keeps a fresh tree from gc until a run references it
        commit: (m) => ws.db.prepare('INSERT OR REPLACE INTO store_roots (digest, created_at) VALUES (?, ?)').run(m.digest, Date.now()),
      });
      return { digest: r.digest, files: r.files, bytes: r.bytes };
    },
    hasTree(digest) {
      if (!svc.manifests.has(digest)) return false;
      try {
        const m = svc.manifests.get(digest);
        return m.entries.every((e) => chunksOf(e).every(([hex]) => svc.store.has(hex)));
      } catch {
        return false;
      }
    },
  };
};
