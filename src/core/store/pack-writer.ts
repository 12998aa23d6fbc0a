import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { SqlDatabase } from '../db/sql.js';
import { fsyncDir } from './durable.js';
import { hexToBlob } from './digest.js';
import { mapDiskFull } from './fs-errors.js';
import { encodeTrailer, type VersionLabel } from './pack-trailer.js';
import { ALGO_SHA256, type ChunkAlgo } from './chunk-hash.js';

/** A pack is closed and a new one started past this size, so gc rewrites stay bounded. */
export const PACK_TARGET_BYTES = 256 * 1024 * 1024;
/** appends up to this size are batched in memory (see BATCH_BYTES) */
const SMALL_WRITE = 64 * 1024;
const BATCH_BYTES = 1024 * 1024;

interface OpenPack {
  fh: FileHandle;
  tmpPath: string;
  name: string;
  rows: [string, number, number, number][];
  size: number;
  manifests: string[];
  labels: VersionLabel[];
  pieces: Record<string, string[]>;
}

export interface NewChunk {
  hex: string;
  data: Uint8Array;
  /** how `hex` was computed (chunk-hash.ts); SHA-256 when left out */
  algo?: ChunkAlgo;
}

/**
 * Appends new chunks to a pack that is invisible until sealed: it is written as
 * `tmp-<pid>-<rand>.pack`, then fsynced, renamed to `<rand>.pack` and the folder fsynced; only then
 * are its index rows committed. A crash leaves a tmp file of a dead process (removed on next open)
 * or a sealed pack without rows (removed by gc), never an index row pointing at missing bytes.
 */
export class PackWriter {
  private fh: FileHandle | null = null;
  private tmpPath = '';
  private name = '';
  private size = 0;
  private rows: [string, number, number, number][] = [];
  private manifests: string[] = [];
  private labels: VersionLabel[] = [];
  private pieces: Record<string, string[]> = {};
  private readonly pending = new Set<string>();
  private lock: Promise<unknown> = Promise.resolve();
  private batch: Buffer | null = null;
  private batchLen = 0;
  /** pack offset of the batch's first byte */
  private batchStart = 0;
  private sealing: Promise<void>[] = [];
  private sealError: unknown = null;
  bytesWritten = 0;

  /**
   * `replace`: the rows point at this pack even if the chunk is indexed elsewhere (gc moving live chunks);
   * `targetBytes`: where a pack is closed (PACK_TARGET_BYTES)
   */
  constructor(
    private readonly packsDir: string,
    private readonly db: SqlDatabase,
    private readonly opts: { replace?: boolean; targetBytes?: number } = {},
  ) {}

  /** whether this writer holds the chunk but has not committed it yet */
  has(hex: string): boolean {
    return this.pending.has(hex);
  }

  /** Appends the chunks this writer lacks (the caller checked the index); returns how many bytes it wrote. */
  append(chunks: NewChunk[]): Promise<number> {
    return this.serial(async () => {
      // a pack sealed in the background failed (disk full): stop before taking more
      if (this.sealError !== null) await this.waitForSeals();
      const fresh = chunks.filter((c) => {
        if (this.pending.has(c.hex)) return false;
        this.pending.add(c.hex);
        return true;
      });
      if (!fresh.length) return 0;
      if (!this.fh) await this.start();
      const at = this.size;
      if (this.batchLen === 0) this.batchStart = at;
      let off = at;
      for (const c of fresh) {
        this.rows.push([c.hex, off, c.data.byteLength, c.algo ?? ALGO_SHA256]);
        off += c.data.byteLength;
      }
      this.size = off;
      const bytes = off - at;
      try {
        if (bytes <= SMALL_WRITE && this.batchLen + bytes <= BATCH_BYTES) {
          // small files: gathered and written together, one system call per megabyte instead of per file
          this.batch ??= Buffer.allocUnsafe(BATCH_BYTES);
          for (const c of fresh) {
            this.batch.set(c.data, this.batchLen);
            this.batchLen += c.data.byteLength;
          }
        } else {
          await this.flushBatch();
          await this.fh!.writev(
            fresh.map((c) => c.data),
            at,
          );
          this.batchStart = off;
        }
        if (this.batchLen >= BATCH_BYTES - SMALL_WRITE) await this.flushBatch();
      } catch (e) {
        throw mapDiskFull(e, this.packsDir);
      }
      this.bytesWritten += off - at;
      if (this.size >= (this.opts.targetBytes ?? PACK_TARGET_BYTES)) await this.sealInBackground();
      return off - at;
    });
  }

  /**
   * A manifest, named in this pack's trailer (with the dataset version it was added as, if any), so
   * the version can be rebuilt from the packs if the database is lost. Its body goes in as
   * content-defined pieces (`pieces`, in order; the caller leaves out those the store holds): a new
   * version of a big dataset shares almost all of them with the previous one, where a whole copy
   * cost ~1.2 MiB per GiB of data at every version.
   */
  appendManifest(hex: string, pieces: { all: string[]; fresh: NewChunk[] }, label?: VersionLabel | VersionLabel[]): Promise<number> {
    return this.append(pieces.fresh).then(async (n) =>
      this.serial(async () => {
        if (!this.fh) await this.start();
        this.manifests.push(hex);
        this.pieces[hex] = pieces.all;
        if (label) this.labels.push(...(Array.isArray(label) ? label : [label]));
        return n;
      }),
    );
  }

  /** Seals the open pack and commits its rows (end of an add, and on cancel: stored chunks stay). */
  flush(): Promise<void> {
    return this.serial(async () => {
      try {
        await this.seal();
      } finally {
        await this.waitForSeals();
      }
    });
  }

  /** Drops the unsealed pack (disk full): its chunks were never visible. */
  abort(): Promise<void> {
    return this.serial(async () => {
      // full packs already being sealed are kept if they make it
      await this.waitForSeals().catch(() => undefined);
      if (!this.fh) return;
      await this.fh.close().catch(() => undefined);
      await unlink(this.tmpPath).catch(() => undefined);
      for (const [hex] of this.rows) this.pending.delete(hex);
      this.reset();
    });
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn, fn);
    this.lock = run.catch(() => undefined);
    return run;
  }

  private async flushBatch(): Promise<void> {
    if (!this.batchLen) return;
    const n = this.batchLen;
    this.batchLen = 0;
    await this.fh!.write(this.batch!, 0, n, this.batchStart);
    this.batchStart += n;
  }

  private async start(): Promise<void> {
    this.name = `${Date.now().toString(36)}-${randomBytes(8).toString('hex')}.pack`;
    this.tmpPath = join(this.packsDir, `tmp-${process.pid}-${this.name}`);
    try {
      this.fh = await open(this.tmpPath, 'wx', 0o444);
    } catch (e) {
      throw mapDiskFull(e, this.packsDir);
    }
    this.size = 0;
    this.rows = [];
    this.manifests = [];
    this.labels = [];
    this.pieces = {};
  }

  /** Seals the open pack now (end of an add). */
  private async seal(): Promise<void> {
    if (!this.fh) return;
    await this.flushBatch();
    const open = this.detach();
    await this.sealPack(open);
  }

  /**
   * A full pack is sealed (fsync, rename, commit) while the next one fills, so hashing does not
   * wait on the disk; `flush` waits for every such seal and reports its error.
   */
  private async sealInBackground(): Promise<void> {
    await this.flushBatch();
    const open = this.detach();
    this.sealing.push(this.sealPack(open).catch((e: unknown) => void (this.sealError ??= e)));
  }

  private async waitForSeals(): Promise<void> {
    await Promise.all(this.sealing);
    this.sealing = [];
    if (this.sealError !== null) {
      const e = this.sealError;
      this.sealError = null;
      throw e;
    }
  }

  private detach(): OpenPack {
    const open: OpenPack = {
      fh: this.fh!,
      tmpPath: this.tmpPath,
      name: this.name,
      rows: this.rows,
      size: this.size,
      manifests: this.manifests,
      labels: this.labels,
      pieces: this.pieces,
    };
    this.reset();
    return open;
  }

  private async sealPack(p: OpenPack): Promise<void> {
    const { fh, tmpPath, rows } = p;
    try {
      // a manifest whose pieces are all stored already still needs its trailer entry
      if (!rows.length && !p.manifests.length) {
        await fh.close();
        await unlink(tmpPath);
        return;
      }
      // the pack's own index goes in before the fsync: a sealed pack always carries it
      const trailer = encodeTrailer({ v: 1, chunks: rows, manifests: p.manifests, labels: p.labels, pieces: p.pieces });
      await fh.write(trailer, 0, trailer.length, p.size);
      p.size += trailer.length;
      await fh.sync();
      await fh.close();
      await rename(tmpPath, join(this.packsDir, p.name));
      fsyncDir(this.packsDir);
    } catch (e) {
      await fh.close().catch(() => undefined);
      await unlink(tmpPath).catch(() => undefined);
      for (const [hex] of rows) this.pending.delete(hex);
      throw mapDiskFull(e, this.packsDir);
    }
    try {
      this.db.transaction(() => {
        const id = Number(this.db.prepare('INSERT INTO store_packs (name, size, created_at) VALUES (?, ?, ?)').run(p.name, p.size, Date.now()).lastInsertRowid);
        const ins = this.db.prepare(
          `INSERT OR ${this.opts.replace ? 'REPLACE' : 'IGNORE'} INTO store_chunks (digest, pack, offset, length, algo) VALUES (?, ?, ?, ?, ?)`,
        );
        for (const [hex, off, len, algo] of rows) ins.run(hexToBlob(hex), id, off, len, algo);
      });
    } catch (e) {
      // the sealed pack has no rows: gc removes it
      throw mapDiskFull(e, 'the workspace database');
    } finally {
      for (const [hex] of rows) this.pending.delete(hex);
    }
  }

  private reset(): void {
    this.batchLen = 0;
    this.batchStart = 0;
    this.fh = null;
    this.rows = [];
    this.manifests = [];
    this.labels = [];
    this.pieces = {};
    this.size = 0;
  }
}
