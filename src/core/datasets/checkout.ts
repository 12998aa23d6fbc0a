import {
  closeSync,
  constants,
  fsyncSync,
  linkSync,
  lutimesSync,
  mkdirSync,
  openSync,
  readdirSync,
  chmodSync,
  symlinkSync,
  unlinkSync,
  utimesSync,
  writeSync,
  existsSync,
  statSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { KilnError } from '../../shared/contract/index.js';
import type { ContentStore } from '../store/content-store.js';
import { mapDiskFull } from '../store/fs-errors.js';
import { checkManifestPaths, chunksOf, type Manifest } from './manifest.js';

export interface CheckoutOptions {
  signal?: AbortSignal;
  onProgress?: (p: { filesDone: number; filesTotal: number; bytesDone: number; bytesTotal: number }) => void;
  /** name used in errors, e.g. "d@2" */
  label: string;
  /** clear write bits (materialized inputs of pipeline stages) */
  readOnly?: boolean;
}

/**
 * Writes a manifest's tree into `dir` (missing or empty), byte for byte, with modes and times.
 * Every chunk is checked against its digest before it is written; a damaged one stops the checkout
 * with STORE_CORRUPT and the partial file is removed, so no wrong bytes are left behind.
 * Folders are made first, then files, hard links, and symlinks last, so no write goes through a link.
 */
export async function checkoutTree(store: ContentStore, m: Manifest, dir: string, opts: CheckoutOptions): Promise<{ files: number; bytes: number }> {
  checkManifestPaths(m);
  const root = resolve(dir);
  if (existsSync(root)) {
    if (!statSync(root).isDirectory()) throw new KilnError('CONFLICT', `${root} exists and is not a folder; choose a new or empty folder`);
    if (readdirSync(root).length)
      throw new KilnError('CONFLICT', `${root} is not empty; check out into a new or empty folder so nothing of yours is overwritten`);
  }
  const files = m.entries.filter((e) => e.type === 'file');
  const filesTotal = files.length;
  const bytesTotal = files.reduce((s, e) => s + e.size, 0);
  let filesDone = 0;
  let bytesDone = 0;
  const buf = Buffer.allocUnsafe(256 * 1024);
  try {
    mkdirSync(root, { recursive: true });
    for (const e of m.entries) if (e.type === 'dir') mkdirSync(join(root, e.path), { recursive: true, mode: 0o700 });
    let sinceYield = 0;
    for (const e of files) {
      if (opts.signal?.aborted) throw new KilnError('CANCELLED', `checkout of ${opts.label} was cancelled; ${root} holds part of it`);
      const target = join(root, e.path);
      if (e.linkOf !== undefined) {
        linkSync(join(root, e.linkOf), target);
      } else {
        const fd = openSync(target, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
        try {
          for (const [hex] of chunksOf(e)) {
            const data = store.readChunk(hex, `${e.path} of ${opts.label}`, buf);
            let off = 0;
            while (off < data.length) off += writeSync(fd, data, off, data.length - off);
            bytesDone += data.length;
            sinceYield += data.length;
          }
          fsyncSync(fd);
        } catch (err) {
          closeSync(fd);
          unlinkSync(target);
          throw err;
        }
        closeSync(fd);
        const mode = opts.readOnly ? e.mode & ~0o222 : e.mode;
        chmodSync(target, mode);
        utimesSync(target, e.mtime / 1000, e.mtime / 1000);
      }
      filesDone++;
      opts.onProgress?.({ filesDone, filesTotal, bytesDone, bytesTotal });
      if (sinceYield > 16 * 1024 * 1024 || filesDone % 500 === 0) {
        sinceYield = 0;
        await new Promise((r) => setImmediate(r));
      }
    }
    for (const e of m.entries) {
      if (e.type !== 'symlink') continue;
      const target = join(root, e.path);
      symlinkSync(e.target!, target);
      try {
        lutimesSync(target, e.mtime / 1000, e.mtime / 1000);
      } catch {
        /* not every file system keeps link times */
      }
    }
    // folders last, deepest first: their modes may forbid writing, and writing changed their times
    const dirs = m.entries.filter((e) => e.type === 'dir').reverse();
    for (const e of dirs) {
      const target = join(root, e.path);
      chmodSync(target, opts.readOnly ? e.mode & ~0o222 : e.mode);
      utimesSync(target, e.mtime / 1000, e.mtime / 1000);
    }
  } catch (e) {
    throw mapDiskFull(e, root);
  }
  return { files: filesTotal, bytes: bytesTotal };
}
