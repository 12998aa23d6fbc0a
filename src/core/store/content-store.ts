import { mkdirSync, readdirSync, unlinkSync, openSync, closeSync, readSync, constants } from 'node:fs';
import { join } from 'node:path';
import { KilnError } from '../../shared/contract/index.js';
import type { Workspace } from '../workspace/workspace.js';
import type { SqlDatabase, SqlStatement } from '../db/sql.js';
import { hexToBlob } from './digest.js';
import { chunkHex, chunkLabel, type ChunkAlgo } from './chunk-hash.js';

export interface ChunkLocation {
  pack: number;
  packName: string;
  offset: number;
  length: number;
  /** how the chunk's id was computed (chunk-hash.ts): SHA-256 or BLAKE3 */
  algo: ChunkAlgo;
}

/**
 * The chunk store of one workspace: `.kiln/store/packs/*.pack` plus the `store_chunks` index.
 * Reads verify each chunk against its id (SHA-256 or BLAKE3, as its index row says) before handing
 * out its bytes.
 */
export class ContentStore {
  readonly dir: string;
  readonly packsDir: string;
  readonly locksDir: string;
  readonly db: SqlDatabase;
  private readonly hasStmt: SqlStatement;
  private readonly locStmt: SqlStatement;
  private readonly packNames = new Map<number, string>();
  private readonly fds = new Map<number, number>();

  constructor(ws: Workspace) {
    this.db = ws.db;
    this.dir = ws.path('store');
    this.packsDir = join(this.dir, 'packs');
    this.locksDir = join(this.dir, 'locks');
    mkdirSync(this.packsDir, { recursive: true });
    this.hasStmt = this.db.prepare('SELECT 1 AS x FROM store_chunks WHERE digest = ?');
    this.locStmt = this.db.prepare(
      'SELECT c.pack AS pack, p.name AS name, c.offset AS offset, c.length AS length, c.algo AS algo FROM store_chunks c JOIN store_packs p ON p.id = c.pack WHERE c.digest = ?',
    );
    this.removeDeadTempPacks();
  }

  /** Unsealed packs of processes that died mid-add (kill -9): nothing references them. */
  private removeDeadTempPacks(): void {
    for (const name of readdirSync(this.packsDir)) {
      const m = /^tmp-(\d+)-/.exec(name);
      if (!m) continue;
      const pid = Number(m[1]);
      let alive = pid === process.pid;
      if (!alive) {
        try {
          process.kill(pid, 0);
          alive = true;
        } catch (e) {
          alive = (e as NodeJS.ErrnoException).code === 'EPERM';
        }
      }
      if (!alive) {
        try {
          unlinkSync(join(this.packsDir, name));
        } catch {
          /* raced with another cleaner */
        }
      }
    }
  }

  has(hex: string): boolean {
    return this.hasStmt.get(hexToBlob(hex)) !== undefined;
  }

  locate(hex: string): ChunkLocation | null {
    const r = this.locStmt.get<{ pack: number; name: string; offset: number; length: number; algo: ChunkAlgo }>(hexToBlob(hex));
    return r ? { pack: r.pack, packName: r.name, offset: r.offset, length: r.length, algo: r.algo } : null;
  }

  packPath(name: string): string {
    return join(this.packsDir, name);
  }

  /**
   * A chunk's bytes, verified. `context` (e.g. "data/x.csv of d@2") goes into the error so the
   * user learns which file is affected.
   */
  readChunk(hex: string, context: string, into?: Buffer): Buffer {
    const loc = this.locate(hex);
    if (!loc)
      throw new KilnError('STORE_CORRUPT', `chunk ${hex} of ${context} is missing from the store; run kiln data verify to see what else is affected`, {
        chunk: hex,
      });
    const label = chunkLabel(hex, loc.algo);
    const buf = into && into.length >= loc.length ? into.subarray(0, loc.length) : Buffer.allocUnsafe(loc.length);
    let got = 0;
    try {
      const fd = this.fd(loc.pack, loc.packName);
      while (got < loc.length) {
        const n = readSync(fd, buf, got, loc.length - got, loc.offset + got);
        if (n === 0) break;
        got += n;
      }
    } catch (e) {
      throw new KilnError('STORE_CORRUPT', `chunk ${label} of ${context} cannot be read from pack ${loc.packName}: ${(e as Error).message}`, {
        chunk: label,
        pack: loc.packName,
      });
    }
    if (got < loc.length || chunkHex(loc.algo, buf) !== hex) {
      throw new KilnError(
        'STORE_CORRUPT',
        `chunk ${label} of ${context} is damaged in pack ${loc.packName} (its bytes no longer match their digest); nothing was written for it. Run kiln data verify to list every affected version`,
        { chunk: label, pack: loc.packName },
      );
    }
    return buf;
  }

  private fd(pack: number, name: string): number {
    let fd = this.fds.get(pack);
    if (fd === undefined) {
      fd = openSync(this.packPath(name), constants.O_RDONLY);
      this.fds.set(pack, fd);
      this.packNames.set(pack, name);
    }
    return fd;
  }

  /** Closes cached pack descriptors (after a read-heavy operation, before gc rewrites). */
  closeFds(): void {
    for (const fd of this.fds.values()) closeSync(fd);
    this.fds.clear();
    this.packNames.clear();
  }
}
