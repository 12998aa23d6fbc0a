import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { sha256Hex, toDigest } from '../store/digest.js';

/** The bytes of one blob to upload, readable by range so chunks and retries need not hold it all. */
export interface BlobSource {
  digest: string;
  size: number;
  /**
   * The bytes in [start, end). With `into` (at least end - start long) they may be read into it, so a
   * chunked upload reuses two buffers instead of faulting in a fresh 16 MiB one per chunk.
   */
  read(start: number, end: number, into?: Buffer): Promise<Buffer>;
  /** from `start` to the end */
  stream(start: number): Readable;
}

export function bufferSource(buf: Buffer, digest = toDigest(sha256Hex(buf))): BlobSource {
  return {
    digest,
    size: buf.length,
    read: async (s, e) => buf.subarray(s, e),
    stream: (s) => Readable.from([buf.subarray(s)]),
  };
}

export function fileSource(path: string, digest: string, size: number): BlobSource {
  return {
    digest,
    size,
    async read(s, e, into) {
      const fh = await open(path, 'r');
      try {
        const b = into ? into.subarray(0, e - s) : Buffer.allocUnsafe(e - s);
        let got = 0;
        while (got < b.length) {
          const { bytesRead } = await fh.read(b, got, b.length - got, s + got);
          if (!bytesRead) break;
          got += bytesRead;
        }
        return b.subarray(0, got);
      } finally {
        await fh.close();
      }
    },
    stream: (s) => createReadStream(path, { start: s, highWaterMark: 1024 * 1024 }),
  };
}

/**
 * A blob made of a run of pieces (the store's chunks of a file, or the chunks of a pack), each read on
 * demand by `readPiece`; ranges may start and end inside a piece.
 */
export function piecesSource(digest: string, pieces: { length: number }[], readPiece: (i: number) => Buffer): BlobSource {
  const starts: number[] = [];
  let size = 0;
  for (const p of pieces) {
    starts.push(size);
    size += p.length;
  }
  const find = (off: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= off) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const read = async (s: number, e: number, into?: Buffer): Promise<Buffer> => {
    const out = into ? into.subarray(0, e - s) : Buffer.allocUnsafe(e - s);
    let at = s;
    for (let i = find(s); at < e && i < pieces.length; i++) {
      const b = readPiece(i);
      const from = at - starts[i]!;
      const n = Math.min(b.length - from, e - at);
      b.copy(out, at - s, from, from + n);
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
      const step = 4 * 1024 * 1024;
      return new Readable({
        read() {
          if (at >= size) return void this.push(null);
          const e = Math.min(size, at + step);
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
