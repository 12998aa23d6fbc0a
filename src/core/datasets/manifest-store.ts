import { KilnError } from '../../shared/contract/index.js';
import type { SqlDatabase } from '../db/sql.js';
import { parseManifest, serializeManifest, type Manifest, type ManifestEntry } from './manifest.js';
import { putManifestBody, readManifestBody } from './manifest-body.js';

/** Manifests live in the database (as shared pieces, manifest-body.ts), keyed by their digest; reads check the digest. */
export class ManifestStore {
  private readonly cache = new Map<string, Manifest>();
  constructor(private readonly db: SqlDatabase) {}

  /** Stores the manifest of `entries` (idempotent); returns its digest. Call inside the commit transaction. */
  put(entries: ManifestEntry[]): { digest: string; files: number; bytes: number } {
    const { body, digest } = serializeManifest(entries);
    let files = 0;
    let bytes = 0;
    for (const e of entries) {
      if (e.type !== 'file') continue;
      files++;
      bytes += e.size;
    }
    putManifestBody(this.db, { digest, body, files, bytes });
    return { digest, files, bytes };
  }

  /** files and bytes of a stored manifest, without parsing it; null when absent */
  info(digest: string): { digest: string; files: number; bytes: number } | null {
    const r = this.db.prepare('SELECT files, bytes FROM store_manifests WHERE digest = ?').get<{ files: number; bytes: number }>(digest);
    return r ? { digest, files: r.files, bytes: r.bytes } : null;
  }

  has(digest: string): boolean {
    return this.db.prepare('SELECT 1 AS x FROM store_manifests WHERE digest = ?').get(digest) !== undefined;
  }

  get(digest: string): Manifest {
    const hit = this.cache.get(digest);
    if (hit) return hit;
    const body = readManifestBody(this.db, digest);
    if (!body) throw new KilnError('STORE_CORRUPT', `manifest ${digest} is missing from the store; run kiln data verify`, { manifest: digest });
    const m = parseManifest(body, digest);
    if (this.cache.size > 8) this.cache.clear();
    this.cache.set(digest, m);
    return m;
  }
}
