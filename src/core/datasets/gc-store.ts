import { readdirSync, unlinkSync, openSync, closeSync, readSync, constants } from 'node:fs';
import type { GcResult } from '../../shared/contract/index.js';
import type { ContentStore } from '../store/content-store.js';
import { blobToHex } from '../store/digest.js';
import { lockForGc } from '../store/store-lock.js';
import { PackWriter } from '../store/pack-writer.js';
import { fsyncDir } from '../store/durable.js';
import { mapDiskFull } from '../store/fs-errors.js';
import { StatCache } from './stat-cache.js';
import { TreeCache } from './tree-cache.js';
import { parseManifest, chunksOf } from './manifest.js';
import { readTrailer, type PackTrailer, type VersionLabel } from '../store/pack-trailer.js';
import { readManifestBody, deleteUnusedPieces, manifestPieces, storedPieceDigests } from './manifest-body.js';
import { chunkHex, type ChunkAlgo } from '../store/chunk-hash.js';

/** Trees stored outside datasets (stage outputs) are kept this long even when no run names them. */
const ROOT_GRACE_MS = 24 * 3600 * 1000;

export interface GcOptions {
  signal?: AbortSignal;
  onProgress?: (p: { phase: string; filesDone: number; filesTotal: number; bytesDone: number; bytesTotal: number }) => void;
}

/**
 * Removes what no version (nor a run, nor a recent stage output) references, holding the store's
 * gc lock so no add runs meanwhile. Packs with no live chunk are deleted; packs with some are
 * rewritten with only the live ones (written and sealed before the index moves to them, verified
 * on the way, and left alone if any live chunk is damaged so the damage stays visible to verify).
 */
export async function gcStore(store: ContentStore, opts: GcOptions = {}): Promise<GcResult> {
  const lock = lockForGc(store.locksDir);
  const db = store.db;
  const res: GcResult = { chunksRemoved: 0, packsRemoved: 0, packsRewritten: 0, manifestsRemoved: 0, bytesFreed: 0 };
  try {
    store.closeFds();
    const live = new Set<string>();
    for (const r of db.prepare('SELECT DISTINCT manifest AS d FROM dataset_versions').all<{ d: string }>()) live.add(r.d);
    for (const r of db.prepare('SELECT DISTINCT digest AS d FROM run_datasets').all<{ d: string }>()) live.add(r.d);
    // stage outputs of runs that still exist: the cache restores them instead of re-running the stage
    for (const r of db.prepare('SELECT DISTINCT tree AS d FROM run_outputs WHERE tree IS NOT NULL').all<{ d: string }>()) live.add(r.d);
    // registered model versions: their artifacts live as long as the registry names them
    for (const r of db.prepare('SELECT DISTINCT manifest AS d FROM model_versions').all<{ d: string }>()) live.add(r.d);
    for (const r of db.prepare('SELECT digest AS d FROM store_roots WHERE created_at > ?').all<{ d: string }>(Date.now() - ROOT_GRACE_MS)) live.add(r.d);

    const liveChunks = new Set<string>();
    for (const d of live) {
      const body = readManifestBody(db, d);
      if (!body) continue;
      // a damaged manifest would hide the chunks it needs: stop rather than delete them
      const m = parseManifest(body, d);
      for (const e of m.entries) for (const [hex] of chunksOf(e)) liveChunks.add(hex);
      // the manifest's own copy in the packs (what recover rebuilds versions from) is live too:
      // one chunk in packs written before pieces, its pieces since
      liveChunks.add(d.replace(/^sha256:/, ''));
      for (const hex of storedPieceDigests(db, d) ?? manifestPieces(body).map((p) => p.hex)) liveChunks.add(hex);
    }

    // a label is kept while its version exists (a version removed since is not rebuilt by recover)
    const versions = new Set(
      db
        .prepare('SELECT d.name AS dataset, v.manifest AS manifest FROM dataset_versions v JOIN datasets d ON d.id = v.dataset_id')
        .all<{ dataset: string; manifest: string }>()
        .map((r) => `${r.dataset}\0${r.manifest}`),
    );
    const labelLive = (l: VersionLabel) => versions.has(`${l.dataset}\0${l.manifest}`);

    const packs = db.prepare('SELECT id, name, size FROM store_packs ORDER BY id').all<{ id: number; name: string; size: number }>();
    let done = 0;
    for (const p of packs) {
      if (opts.signal?.aborted) break;
      const chunks = db
        .prepare('SELECT digest, offset, length, algo FROM store_chunks WHERE pack = ? ORDER BY offset')
        .all<{ digest: Uint8Array; offset: number; length: number; algo: ChunkAlgo }>(p.id);
      const keep = chunks.filter((c) => liveChunks.has(blobToHex(c.digest)));
      const dead = chunks.length - keep.length;
      opts.onProgress?.({ phase: 'collecting', filesDone: ++done, filesTotal: packs.length, bytesDone: 0, bytesTotal: 0 });
      if (dead === 0 && chunks.length > 0) continue;
      // an indexed pack without rows: only its own trailer can prove it holds nothing live
      const trailer = readTrailer(store.packPath(p.name));
      if (chunks.length === 0 && !provablyUnreferenced(trailer, liveChunks)) continue;
      // what recover rebuilds versions from: live manifests and version labels named in this pack's trailer
      const carried = carriedEntries(trailer, live, labelLive);
      if (keep.length === 0 && carried.length === 0) {
        db.transaction(() => {
          db.prepare('DELETE FROM store_chunks WHERE pack = ?').run(p.id);
          db.prepare('DELETE FROM store_packs WHERE id = ?').run(p.id);
        });
        unlinkQuiet(store.packPath(p.name));
        res.packsRemoved++;
        res.chunksRemoved += dead;
        res.bytesFreed += p.size;
        continue;
      }
      if (await rewritePack(store, p, keep, carried)) {
        res.packsRewritten++;
        res.chunksRemoved += dead;
        res.bytesFreed += chunks.filter((c) => !liveChunks.has(blobToHex(c.digest))).reduce((s, c) => s + c.length, 0);
      }
    }
    // sealed packs that never got index rows (a crash between rename and commit), and dead temp
    // files. A pack the index does not know is deleted only when its own trailer proves it holds
    // no manifest, no version and no live chunk: one from a lost or replaced database is kept.
    const known = new Set(
      db
        .prepare('SELECT name FROM store_packs')
        .all<{ name: string }>()
        .map((r) => r.name),
    );
    for (const name of readdirSync(store.packsDir)) {
      if (known.has(name) || name.startsWith(`tmp-${process.pid}-`)) continue;
      if (/^tmp-\d+-/.test(name) || (name.endsWith('.pack') && provablyUnreferenced(readTrailer(store.packPath(name)), liveChunks))) {
        unlinkQuiet(store.packPath(name));
        res.packsRemoved++;
      }
    }
    fsyncDir(store.packsDir);
    db.transaction(() => {
      for (const r of db.prepare('SELECT digest AS d FROM store_manifests').all<{ d: string }>()) {
        if (live.has(r.d)) continue;
        db.prepare('DELETE FROM store_manifests WHERE digest = ?').run(r.d);
        res.manifestsRemoved++;
      }
      deleteUnusedPieces(db);
      db.prepare('DELETE FROM store_roots WHERE created_at <= ?').run(Date.now() - ROOT_GRACE_MS);
      // cached digests may name chunks (and trees) that are gone now
      new StatCache(db).clear();
      new TreeCache(db).clear();
    });
  } catch (e) {
    throw mapDiskFull(e, store.dir);
  } finally {
    lock.release();
  }
  return res;
}

interface CarriedManifest {
  hex: string;
  pieces: string[];
  labels: VersionLabel[];
}

/**
 * The live manifests a pack's trailer names (with their pieces) and the labels of versions that still
 * exist: a rewritten pack names them again, or `kiln data recover` would lose those versions. A
 * manifest stored whole (packs written before pieces) is carried as one piece, itself.
 */
function carriedEntries(t: PackTrailer | null, live: Set<string>, labelLive: (l: VersionLabel) => boolean): CarriedManifest[] {
  if (!t) return [];
  return t.manifests
    .filter((hex) => live.has(`sha256:${hex}`))
    .map((hex) => ({ hex, pieces: t.pieces?.[hex] ?? [hex], labels: t.labels.filter((l) => l.manifest === `sha256:${hex}` && labelLive(l)) }));
}

async function rewritePack(
  store: ContentStore,
  p: { id: number; name: string },
  keep: { digest: Uint8Array; offset: number; length: number; algo: ChunkAlgo }[],
  carried: CarriedManifest[],
): Promise<boolean> {
  const fd = openSync(store.packPath(p.name), constants.O_RDONLY);
  const writer = new PackWriter(store.packsDir, store.db, { replace: true });
  try {
    // move the live rows to a fresh pack: drop them first so the writer re-adds them there
    const batch: { hex: string; data: Uint8Array; algo: ChunkAlgo }[] = [];
    for (const c of keep) {
      const data = Buffer.allocUnsafe(c.length);
      let got = 0;
      while (got < c.length) {
        const n = readSync(fd, data, got, c.length - got, c.offset + got);
        if (n === 0) break;
        got += n;
      }
      const hex = blobToHex(c.digest);
      if (got < c.length || chunkHex(c.algo, data) !== hex) {
        await writer.abort();
        return false;
      }
      batch.push({ hex, data, algo: c.algo });
    }
    await writer.append(batch);
    for (const m of carried) await writer.appendManifest(m.hex, { all: m.pieces, fresh: [] }, m.labels);
    // sealed first, rows repointed in its commit (replace mode); only then the old pack goes
    await writer.flush();
    store.db.transaction(() => {
      store.db.prepare('DELETE FROM store_chunks WHERE pack = ?').run(p.id);
      store.db.prepare('DELETE FROM store_packs WHERE id = ?').run(p.id);
    });
  } finally {
    closeSync(fd);
  }
  unlinkQuiet(store.packPath(p.name));
  return true;
}

/** True only when the pack's trailer lists no manifest, no version label and no live chunk. */
function provablyUnreferenced(t: PackTrailer | null, liveChunks: Set<string>): boolean {
  if (!t) return false;
  return t.manifests.length === 0 && t.labels.length === 0 && !t.chunks.some(([hex]) => liveChunks.has(hex));
}

function unlinkQuiet(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    /* already gone */
  }
}
