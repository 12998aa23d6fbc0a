import { openSync, readSync, closeSync } from 'node:fs';
import { Readable } from 'node:stream';
import { KilnError } from '../../shared/contract/index.js';
import type { ContentStore } from '../store/content-store.js';
import type { ChunkRef } from '../store/ingest.js';
import type { BlobSource } from './blob-source.js';

interface Extent {
  /** offset in the blob */
  at: number;
  packName: string;
  offset: number;
  length: number;
}

/**
 * A stored file as an upload source, read straight from the pack files: a file's chunks usually lie
 * back to back in one pack, so they are merged into a few large reads. The bytes are not re-hashed
 * here: the registry checks the blob's digest when the upload closes and refuses a damaged one.
 */
export function storeFileSource(store: ContentStore, digest: string, chunks: ChunkRef[], label: string): BlobSource {
  let size = 0;
  for (const [, len] of chunks) size += len;
  // located on first read: a blob the registry already has (a re-push) costs no index lookups
  let extents: Extent[] | null = null;
  const locateAll = (): Extent[] => {
    const out: Extent[] = [];
    let at = 0;
    for (const [hex, len] of chunks) {
      const loc = store.locate(hex);
      if (!loc) throw new KilnError('STORE_CORRUPT', `chunk sha256:${hex} of ${label} is missing from the store; run kiln data verify`);
      const last = out.at(-1);
      if (last && last.packName === loc.packName && last.offset + last.length === loc.offset) last.length += len;
      else out.push({ at, packName: loc.packName, offset: loc.offset, length: len });
      at += len;
    }
    return out;
  };
  const read = async (s: number, e: number, into?: Buffer): Promise<Buffer> => {
    extents ??= locateAll();
    const out = into ? into.subarray(0, e - s) : Buffer.allocUnsafe(e - s);
    let i = 0;
    while (i < extents.length - 1 && extents[i + 1]!.at <= s) i++;
    for (let at = s; at < e && i < extents.length; i++) {
      const x = extents[i]!;
      const from = at - x.at;
      const n = Math.min(x.length - from, e - at);
      const fd = openSync(store.packPath(x.packName), 'r');
      try {
        let got = 0;
        while (got < n) {
          const r = readSync(fd, out, at - s + got, n - got, x.offset + from + got);
          if (!r) throw new KilnError('STORE_CORRUPT', `pack ${x.packName} is shorter than its index says (${label}); run kiln data verify`);
          got += r;
        }
      } finally {
        closeSync(fd);
      }
      at += n;
    }
    return out;
  };
  return {
    digest,
    size,
    read,
    stream(s) {
      let at = s;
      return new Readable({
        read() {
          if (at >= size) return void this.push(null);
          const e = Math.min(size, at + 4 * 1024 * 1024);
          read(at, e).then(
            (b) => {
              at = e;
              this.push(b);
            },
            (err: Error) => this.destroy(err),
          );
        },
      });
    },
  };
}
