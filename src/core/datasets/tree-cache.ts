import { createHash } from 'node:crypto';
import type { SqlDatabase } from '../db/sql.js';
import type { WalkedEntry } from './walk-tree.js';

/**
 * The walk's fingerprint: SHA-256 over the sources and, per entry, everything the stat cache
 * trusts (path, type, mode, size, exact mtime, inode, device, link count, link target). Equal
 * fingerprints mean the stat cache would answer every file the same, so the same manifest results.
 *
 * Numbers go in as their 8-byte binary form, not as text: turning 100,000 float mtimes into
 * strings was a third of an unchanged re-add's time. (`kiln-tree/2`: a store fingerprinted by the
 * text form simply misses once and is re-fingerprinted.)
 */
const TYPE_CODE = { file: 1, dir: 2, symlink: 3 } as const;
const BATCH = 256 * 1024;

export function fingerprintOf(sources: string[], entries: WalkedEntry[]): string {
  const h = createHash('sha256');
  h.update(`kiln-tree/2\0${sources.join('\0')}\0`);
  let buf = Buffer.allocUnsafe(BATCH);
  let at = 0;
  for (const e of entries) {
    const need = Buffer.byteLength(e.rel) + (e.target === undefined ? 0 : Buffer.byteLength(e.target)) + 64;
    if (at + need > buf.length) {
      h.update(buf.subarray(0, at));
      at = 0;
      if (need > buf.length) buf = Buffer.allocUnsafe(need);
    }
    at += buf.write(e.rel, at);
    buf[at++] = 0;
    buf[at++] = TYPE_CODE[e.type];
    at = buf.writeDoubleLE(e.mode, at);
    at = buf.writeDoubleLE(e.size, at);
    at = buf.writeDoubleLE(e.mtimeMs, at);
    at = buf.writeDoubleLE(e.ino, at);
    at = buf.writeDoubleLE(e.dev, at);
    at = buf.writeDoubleLE(e.nlink, at);
    if (e.target !== undefined) at += buf.write(e.target, at);
    buf[at++] = 0;
  }
  h.update(buf.subarray(0, at));
  return h.digest('hex');
}

/** fingerprint → manifest digest; cleared by gc with the stat cache. */
export class TreeCache {
  constructor(private readonly db: SqlDatabase) {
    // workspaces made by pre-release builds lack the table
    db.exec('CREATE TABLE IF NOT EXISTS store_tree_cache (fingerprint TEXT PRIMARY KEY, manifest TEXT NOT NULL, created_at INTEGER NOT NULL) WITHOUT ROWID');
  }

  get(fingerprint: string): string | null {
    return this.db.prepare('SELECT manifest FROM store_tree_cache WHERE fingerprint = ?').get<{ manifest: string }>(fingerprint)?.manifest ?? null;
  }

  put(fingerprint: string, manifest: string): void {
    this.db.prepare('INSERT OR REPLACE INTO store_tree_cache (fingerprint, manifest, created_at) VALUES (?, ?, ?)').run(fingerprint, manifest, Date.now());
  }

  clear(): void {
    this.db.exec('DELETE FROM store_tree_cache');
  }
}
