import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { DamagedObject, VerifyResult } from '../../shared/contract/index.js';
import type { ContentStore } from '../store/content-store.js';
import { blobToHex, sha256Hex, toDigest } from '../store/digest.js';
import { WorkerPool } from '../store/worker-pool.js';
import { KilnError } from '../../shared/contract/index.js';
import type { DatasetRepo } from './dataset-repo.js';
import { chunksOf, type Manifest } from './manifest.js';
import { allManifestBodies } from './manifest-body.js';
import { chunkLabel, type ChunkAlgo } from '../store/chunk-hash.js';

const TASK_BYTES = 64 * 1024 * 1024;

export interface VerifyOptions {
  signal?: AbortSignal;
  onProgress?: (p: { phase: string; bytesDone: number; bytesTotal: number; filesDone: number; filesTotal: number }) => void;
  /** extra roots (stage outputs) whose manifests are checked too */
  roots?: string[];
}

/**
 * Re-hashes every chunk in every pack (on the worker pool, in slices so all cores work even on
 * one pack) and every manifest; then names, for each damaged object, the versions and files it breaks.
 */
export async function verifyStore(store: ContentStore, repo: DatasetRepo, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const db = store.db;
  const rows = db
    .prepare(
      'SELECT c.digest AS digest, c.offset AS offset, c.length AS length, c.algo AS algo, p.name AS name, p.size AS psize FROM store_chunks c JOIN store_packs p ON p.id = c.pack ORDER BY c.pack, c.offset',
    )
    .all<{ digest: Uint8Array; offset: number; length: number; algo: ChunkAlgo; name: string; psize: number }>();
  const algoOf = new Map<string, number>();
  const bad = new Map<string, { reason: string; pack: string }>();
  const tasks: { pack: string; items: [number, number, string, number][] }[] = [];
  let bytesTotal = 0;
  let cur: (typeof tasks)[number] | null = null;
  let curBytes = 0;
  const packOk = new Map<string, boolean>();
  for (const r of rows) {
    const hex = blobToHex(r.digest);
    algoOf.set(hex, r.algo);
    bytesTotal += r.length;
    let ok = packOk.get(r.name);
    if (ok === undefined) {
      let size = -1;
      try {
        size = statSync(store.packPath(r.name)).size;
      } catch {
        /* missing */
      }
      ok = size >= 0;
      packOk.set(r.name, ok);
    }
    if (!ok) {
      bad.set(hex, { reason: `its pack ${r.name} is missing`, pack: r.name });
      continue;
    }
    if (!cur || cur.pack !== r.name || curBytes >= TASK_BYTES) {
      cur = { pack: r.name, items: [] };
      curBytes = 0;
      tasks.push(cur);
    }
    cur.items.push([r.offset, r.length, hex, r.algo]);
    curBytes += r.length;
  }
  const manifestRows = allManifestBodies(db);
  let bytesDone = 0;
  let filesDone = 0;
  const filesTotal = rows.length + manifestRows.length;
  const report = () => opts.onProgress?.({ phase: 'verifying', bytesDone, bytesTotal, filesDone, filesTotal });
  if (tasks.length) {
    const pool = new WorkerPool(Math.min(tasks.length, availableParallelism()));
    const onAbort = () => void pool.close();
    opts.signal?.addEventListener('abort', onAbort);
    try {
      await Promise.all(
        tasks.map(async (t) => {
          const m = await pool.run({ t: 'verify', path: store.packPath(t.pack), items: t.items }, { onProgress: (b) => ((bytesDone += b), report()) });
          if (m.t !== 'verified') throw new KilnError('INTERNAL', `verify worker answered ${m.t}`);
          for (const b of m.bad) bad.set(b.hex, { reason: b.reason, pack: t.pack });
          filesDone += t.items.length;
          report();
        }),
      );
    } catch (e) {
      if (opts.signal?.aborted) throw new KilnError('CANCELLED', 'verify was cancelled');
      throw e;
    } finally {
      opts.signal?.removeEventListener('abort', onAbort);
      await pool.close();
    }
  }

  const byManifest = repo.versionsByManifest();
  const damaged: DamagedObject[] = [];
  const parsed: [string, Manifest][] = [];
  for (const r of manifestRows) {
    const text = r.body.toString('utf8');
    filesDone++;
    if (toDigest(sha256Hex(text)) !== r.digest) {
      damaged.push({ kind: 'manifest', id: r.digest, reason: 'its bytes no longer match its digest', versions: byManifest.get(r.digest) ?? [], files: [] });
      continue;
    }
    try {
      parsed.push([r.digest, JSON.parse(text) as Manifest]);
    } catch (e) {
      damaged.push({ kind: 'manifest', id: r.digest, reason: `unreadable: ${(e as Error).message}`, versions: byManifest.get(r.digest) ?? [], files: [] });
    }
  }
  const present = new Set(manifestRows.map((r) => r.digest));
  for (const [digest] of byManifest) {
    if (!present.has(digest))
      damaged.push({ kind: 'manifest', id: digest, reason: 'missing from the store', versions: byManifest.get(digest) ?? [], files: [] });
  }

  // which versions and files each bad (or missing) chunk breaks
  const hits = new Map<string, { versions: Map<string, { dataset: string; version: number }>; files: Set<string> }>();
  const indexed = new Set(rows.map((r) => blobToHex(r.digest)));
  for (const [digest, m] of parsed) {
    const versions = byManifest.get(digest) ?? [];
    for (const e of m.entries) {
      for (const [hex] of chunksOf(e)) {
        if (!bad.has(hex)) {
          if (indexed.has(hex)) continue;
          bad.set(hex, { reason: 'missing from the store index', pack: '' });
        }
        const h = hits.get(hex) ?? { versions: new Map(), files: new Set<string>() };
        for (const v of versions) h.versions.set(`${v.dataset}@${v.version}`, v);
        if (h.files.size < 20) h.files.add(versions.length ? `${versions[0]!.dataset}@${versions[0]!.version}:${e.path}` : e.path);
        hits.set(hex, h);
      }
    }
  }
  for (const [hex, b] of bad) {
    const h = hits.get(hex);
    const algo = algoOf.get(hex);
    damaged.push({
      kind: 'chunk',
      id: algo === undefined ? hex : chunkLabel(hex, algo),
      ...(b.pack ? { pack: b.pack } : {}),
      reason: b.reason,
      versions: h ? [...h.versions.values()] : [],
      files: h ? [...h.files] : [],
    });
  }
  report();
  return { ok: damaged.length === 0, chunks: rows.length, manifests: manifestRows.length, bytes: bytesTotal, damaged };
}
