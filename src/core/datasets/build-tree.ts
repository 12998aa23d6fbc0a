import { KilnError, type AddWarning } from '../../shared/contract/index.js';
import type { ContentStore } from '../store/content-store.js';
import { ingestFiles, type ChunkRef, type IngestFile, type IngestStats } from '../store/ingest.js';
import { comparePaths, type ManifestEntry } from './manifest.js';
import { StatCache } from './stat-cache.js';
import { walkSources, type WalkedEntry } from './walk-tree.js';
import { ManifestStore } from './manifest-store.js';
import { TreeCache, fingerprintOf } from './tree-cache.js';

export interface BuildProgress {
  phase: string;
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

export interface BuiltTree {
  entries: ManifestEntry[];
  /** set when the walk matched a fingerprint seen before: `entries` is then empty, this manifest is the tree */
  knownManifest?: string;
  /** the walk's fingerprint, to remember with the manifest once it is committed ('' when not to be trusted) */
  fingerprint: string;
  warnings: AddWarning[];
  stats: IngestStats & { files: number };
  /** stat-cache rows to write once the manifest is committed */
  cacheRows: { path: string; dev: number; ino: number; size: number; mtimeMs: number; hex: string; chunks: ChunkRef[] }[];
}

/**
 * Turns source paths into manifest entries: walks them, takes unchanged files from the stat cache
 * and hashes the rest into the store. Hard links (same device and inode) are read once.
 */
export async function buildTree(
  store: ContentStore,
  sources: string[],
  opts: { signal?: AbortSignal; onProgress?: (p: BuildProgress) => void },
): Promise<BuiltTree> {
  const walked = await walkSources(sources, opts.signal);
  if (walked.unreadable.length) {
    throw new KilnError(
      'FILE_UNREADABLE',
      `${walked.unreadable.length} entr${walked.unreadable.length > 1 ? 'ies' : 'y'} could not be read, so no version was created: ${walked.unreadable.slice(0, 5).join('; ')}`,
      { lines: walked.unreadable },
    );
  }
  walked.entries.sort((a, b) => comparePaths(a.rel, b.rel));
  // An unchanged tree (same paths, types, modes, sizes, times, inodes: what the stat cache trusts)
  // maps straight to its manifest: no per-file lookups, no manifest to rebuild and hash.
  const fingerprint = fingerprintOf(sources, walked.entries);
  const known = new TreeCache(store.db).get(fingerprint);
  if (known && new ManifestStore(store.db).has(known)) {
    const files = walked.entries.filter((e) => e.type === 'file').length;
    return {
      entries: [],
      knownManifest: known,
      fingerprint,
      warnings: walked.warnings,
      stats: { filesHashed: 0, bytesRead: 0, bytesNew: 0, bytesReused: 0, chunksNew: 0, chunksReused: 0, files },
      cacheRows: [],
    };
  }
  const cache = new StatCache(store.db);
  const cached = cache.loadUnder(sources);

  // hard links: the first path of each (dev, ino) group carries the bytes
  const primary = new Map<string, WalkedEntry>();
  const linkOf = new Map<WalkedEntry, WalkedEntry>();
  for (const e of walked.entries) {
    if (e.type !== 'file' || e.nlink < 2) continue;
    const key = `${e.dev}:${e.ino}`;
    const p = primary.get(key);
    if (p) linkOf.set(e, p);
    else primary.set(key, e);
  }

  const toHash: IngestFile[] = [];
  const hits = new Map<string, { hex: string; chunks: ChunkRef[] }>();
  let filesTotal = 0;
  let bytesTotal = 0;
  let cachedFiles = 0;
  let cachedBytes = 0;
  for (const e of walked.entries) {
    if (e.type !== 'file' || linkOf.has(e)) continue;
    filesTotal++;
    bytesTotal += e.size;
    const c = cached.get(e.abs);
    if (StatCache.matches(c, e)) {
      hits.set(e.abs, { hex: c.hex, chunks: c.chunks ?? (c.size === 0 ? [] : [[c.hex, c.size]]) });
      cachedFiles++;
      cachedBytes += e.size;
    } else toHash.push({ path: e.abs, label: e.rel, size: e.size, mtimeMs: e.mtimeMs, ino: e.ino });
  }
  const report = (filesDone: number, bytesDone: number) =>
    opts.onProgress?.({ phase: 'hashing', filesDone: cachedFiles + filesDone, filesTotal, bytesDone: cachedBytes + bytesDone, bytesTotal });
  report(0, 0);

  const { results, stats } = await ingestFiles(store, toHash, { signal: opts.signal, onProgress: (p) => report(p.filesDone, p.bytesDone) });
  const cacheRows: BuiltTree['cacheRows'] = [];
  // a file re-read after a change no longer matches the walk: then the fingerprint is not remembered
  let stable = true;
  const entries: ManifestEntry[] = [];
  for (const e of walked.entries) {
    const base = { path: e.rel, mode: e.mode, mtime: Math.floor(e.mtimeMs) };
    if (e.type === 'dir') entries.push({ ...base, type: 'dir', size: 0 });
    else if (e.type === 'symlink') entries.push({ ...base, type: 'symlink', size: e.size, target: e.target! });
    else {
      const p = linkOf.get(e);
      const src = p ?? e;
      const r = results.get(src.abs);
      const k = hits.get(src.abs);
      const hex = r?.hex ?? k?.hex;
      const chunks = r?.chunks ?? k?.chunks;
      if (hex === undefined || chunks === undefined) throw new KilnError('INTERNAL', `no digest for ${e.rel}`);
      // a re-read after a change may have seen a new size and time
      const size = r?.size ?? src.size;
      const mtime = Math.floor(r?.mtimeMs ?? src.mtimeMs);
      entries.push({ ...base, type: 'file', size, mtime: p ? mtime : mtime, digest: hex, chunks, ...(p ? { linkOf: p.rel } : {}) });
      if (r && (r.size !== src.size || r.mtimeMs !== src.mtimeMs)) stable = false;
      if (r && !p) cacheRows.push({ path: e.abs, dev: e.dev, ino: r.ino, size: r.size, mtimeMs: r.mtimeMs, hex, chunks });
    }
  }
  return { entries, fingerprint: stable ? fingerprint : '', warnings: walked.warnings, stats: { ...stats, files: filesTotal + linkOf.size }, cacheRows };
}
