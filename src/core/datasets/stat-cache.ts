import type { SqlDatabase } from '../db/sql.js';
import type { ChunkRef } from '../store/ingest.js';

export interface CachedFile {
  dev: number;
  ino: number;
  size: number;
  mtime: number;
  hex: string;
  chunks: ChunkRef[] | null;
}

/**
 * What a file hashed to, keyed by absolute path and valid while (device, inode, size, mtime) are
 * unchanged: re-adding an unchanged tree then only stats it. Rows are written only after the
 * chunks they name are committed, and gc clears the table, so a hit never names a missing chunk.
 */
export class StatCache {
  constructor(private readonly db: SqlDatabase) {}

  /** Every row under the given absolute roots (a root itself, or anything below it). */
  loadUnder(roots: string[]): Map<string, CachedFile> {
    const out = new Map<string, CachedFile>();
    const q = this.db.prepare('SELECT path, dev, ino, size, mtime, digest, chunks FROM store_stat_cache WHERE path = ? OR (path >= ? AND path < ?)');
    for (const root of roots) {
      const base = root.endsWith('/') ? root.slice(0, -1) : root;
      // '0' sorts right after '/': the range is exactly the paths below base/
      for (const r of q.all<{ path: string; dev: number; ino: number; size: number; mtime: number; digest: string; chunks: string | null }>(
        base,
        `${base}/`,
        `${base}0`,
      )) {
        out.set(r.path, {
          dev: r.dev,
          ino: r.ino,
          size: r.size,
          mtime: r.mtime,
          hex: r.digest,
          chunks: r.chunks ? (JSON.parse(r.chunks) as ChunkRef[]) : null,
        });
      }
    }
    return out;
  }

  static matches(c: CachedFile | undefined, s: { dev: number; ino: number; size: number; mtimeMs: number }): c is CachedFile {
    return c !== undefined && c.dev === s.dev && c.ino === s.ino && c.size === s.size && c.mtime === s.mtimeMs;
  }

  put(rows: { path: string; dev: number; ino: number; size: number; mtimeMs: number; hex: string; chunks: ChunkRef[] }[]): void {
    const ins = this.db.prepare('INSERT OR REPLACE INTO store_stat_cache (path, dev, ino, size, mtime, digest, chunks) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const r of rows) {
      const single = r.chunks.length === 0 || (r.chunks.length === 1 && r.chunks[0]![0] === r.hex);
      ins.run(r.path, r.dev, r.ino, r.size, r.mtimeMs, r.hex, single ? null : JSON.stringify(r.chunks));
    }
  }

  clear(): void {
    this.db.exec('DELETE FROM store_stat_cache');
  }
}
