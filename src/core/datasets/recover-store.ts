import { closeSync, openSync, readSync, statSync, constants } from 'node:fs';
import { join } from 'node:path';
import type { RecoverResult } from '../../shared/contract/index.js';
import type { Workspace } from '../workspace/workspace.js';
import { packFiles } from '../workspace/lost-database.js';
import { readTrailer, type VersionLabel } from '../store/pack-trailer.js';
import { hexToBlob } from '../store/digest.js';
import { parseManifest } from './manifest.js';
import { DatasetRepo } from './dataset-repo.js';

export interface RecoverOptions {
  signal?: AbortSignal;
  onProgress?: (p: { phase: string; filesDone: number; filesTotal: number; bytesDone: number; bytesTotal: number }) => void;
}

/**
 * Rebuilds the store's index from the packs' own trailers: packs and chunks, manifests (verified
 * against their digest), and dataset versions in the order they were added. Additive: what the
 * database already knows is kept, so it is safe on a database that is whole. Packs written before
 * trailers existed cannot be read back and are listed (and left alone: gc never deletes them).
 */
export function recoverStore(ws: Workspace, opts: RecoverOptions = {}): RecoverResult {
  const db = ws.db;
  const packsDir = ws.path('store', 'packs');
  const names = packFiles(ws.kilnDir).sort();
  const res: RecoverResult = { packs: 0, packsUnreadable: [], chunks: 0, manifests: 0, manifestsDamaged: [], versions: [] };
  // a manifest is one chunk (older packs) or a list of pieces, each a chunk of any pack
  const manifests: { hex: string; at: { pack: string; offset: number; length: number } | null; pieces: string[] | null }[] = [];
  const labels: VersionLabel[] = [];
  let done = 0;
  for (const name of names) {
    if (opts.signal?.aborted) break;
    opts.onProgress?.({ phase: 'reading packs', filesDone: done++, filesTotal: names.length, bytesDone: 0, bytesTotal: 0 });
    const path = join(packsDir, name);
    const t = readTrailer(path);
    if (!t) {
      res.packsUnreadable.push(name);
      continue;
    }
    db.transaction(() => {
      let id = db.prepare('SELECT id FROM store_packs WHERE name = ?').get<{ id: number }>(name)?.id;
      if (id === undefined) {
        id = Number(
          db.prepare('INSERT INTO store_packs (name, size, created_at) VALUES (?, ?, ?)').run(name, statSync(path).size, Math.round(statSync(path).mtimeMs))
            .lastInsertRowid,
        );
        res.packs++;
      }
      const ins = db.prepare('INSERT OR IGNORE INTO store_chunks (digest, pack, offset, length, algo) VALUES (?, ?, ?, ?, ?)');
      for (const [hex, off, len, algo] of t.chunks) res.chunks += Number(ins.run(hexToBlob(hex), id, off, len, algo ?? 0).changes);
    });
    for (const hex of t.manifests) {
      const pieces = t.pieces?.[hex];
      if (pieces) manifests.push({ hex, at: null, pieces });
      else {
        const c = t.chunks.find((x) => x[0] === hex);
        if (c) manifests.push({ hex, at: { pack: path, offset: c[1], length: c[2] }, pieces: null });
      }
    }
    labels.push(...t.labels);
  }
  const sizes = new Map<string, { files: number; bytes: number }>();
  for (const m of manifests) {
    const digest = `sha256:${m.hex}`;
    const known = db.prepare('SELECT files, bytes FROM store_manifests WHERE digest = ?').get<{ files: number; bytes: number }>(digest);
    if (known) {
      sizes.set(digest, known);
      continue;
    }
    let body: Buffer;
    try {
      body = m.at ? readAt(m.at.pack, m.at.offset, m.at.length) : Buffer.concat(m.pieces!.map((h) => readChunk(db, packsDir, h)));
      const parsed = parseManifest(body, digest);
      const files = parsed.entries.filter((e) => e.type === 'file');
      const info = { files: files.length, bytes: files.reduce((n, e) => n + e.size, 0) };
      db.prepare('INSERT OR IGNORE INTO store_manifests (digest, body, files, bytes, created_at) VALUES (?, ?, ?, ?, ?)').run(
        digest,
        body,
        info.files,
        info.bytes,
        Date.now(),
      );
      sizes.set(digest, info);
      res.manifests++;
    } catch {
      res.manifestsDamaged.push(digest);
    }
  }
  const repo = new DatasetRepo(db);
  db.transaction(() => {
    for (const l of labels.sort((a, b) => a.createdAt - b.createdAt)) {
      const info = sizes.get(l.manifest);
      if (!info) continue;
      const had = db
        .prepare('SELECT 1 AS x FROM dataset_versions v JOIN datasets d ON d.id = v.dataset_id WHERE d.name = ? AND v.manifest = ?')
        .get(l.dataset, l.manifest);
      if (had) continue;
      const version = repo.insertVersion(l.dataset, {
        manifest: l.manifest,
        message: l.message,
        author: l.author,
        files: info.files,
        bytes: info.bytes,
        bytesNew: 0,
      });
      db.prepare('UPDATE dataset_versions SET created_at = ? WHERE version = ? AND dataset_id = (SELECT id FROM datasets WHERE name = ?)').run(
        l.createdAt,
        version,
        l.dataset,
      );
      res.versions.push({ dataset: l.dataset, version, digest: l.manifest });
    }
    // trees stored for stage outputs have no version: kept through gc's grace period as roots
    const root = db.prepare('INSERT OR IGNORE INTO store_roots (digest, created_at) VALUES (?, ?)');
    for (const d of sizes.keys()) if (!labels.some((l) => l.manifest === d)) root.run(d, Date.now());
  });
  opts.onProgress?.({ phase: 'reading packs', filesDone: names.length, filesTotal: names.length, bytesDone: 0, bytesTotal: 0 });
  return res;
}

/** A chunk by its digest, through the index just rebuilt (a missing one fails the manifest's digest check). */
function readChunk(db: Workspace['db'], packsDir: string, hex: string): Buffer {
  const c = db
    .prepare('SELECT p.name AS name, c.offset AS offset, c.length AS length FROM store_chunks c JOIN store_packs p ON p.id = c.pack WHERE c.digest = ?')
    .get<{ name: string; offset: number; length: number }>(hexToBlob(hex));
  if (!c) throw new Error(`piece ${hex} is in no pack`);
  return readAt(join(packsDir, c.name), c.offset, c.length);
}

function readAt(path: string, offset: number, length: number): Buffer {
  const fd = openSync(path, constants.O_RDONLY);
  try {
    const buf = Buffer.alloc(length);
    let got = 0;
    while (got < length) {
      const n = readSync(fd, buf, got, length - got, offset + got);
      if (n === 0) break;
      got += n;
    }
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}
