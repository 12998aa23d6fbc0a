import { createHash } from 'node:crypto';
import type { SqlDatabase } from '../db/sql.js';
import type { WalkedEntry } from './walk-tree.js';

/**
 * The walk's fingerprint: SHA-256 over the sources and, per entry, everything the stat cache
 * trusts (path, type, mode, size, exact mtime, inode, device, link count, link target). Equal
 * fingerprints mean the stat cache would answer every file the same, so the same manifest results.
 */
export function fingerprintOf(sources: string[], entries: WalkedEntry[]): string {
  const h = createHash('sha256');
  h.update(`kiln-tree/1\0${sources.join('\0')}\0`);
  const parts: string[] = [];
  for (const e of entries) {
    parts.push(`${e.rel}\0${e.type}\0${e.mode}\0${e.size}\0${e.mtimeMs}\0${e.ino}\0${e.dev}\0${e.nlink}\0${e.target ?? ''}\n`);
    if (parts.length === 4096) {
      h.update(parts.join(''));
      parts.length = 0;
    }
  }
  h.update(parts.join(''));
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
