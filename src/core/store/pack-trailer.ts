import { closeSync, fstatSync, openSync, readSync, constants } from 'node:fs';

/**
 * A pack's own index, written after its chunks when it is sealed, so the pack alone says what it
 * holds: every chunk (digest, offset, length), which of them are manifests, and the dataset
 * version a manifest was added as. The database's index is a copy of this; when the database is
 * lost, `kiln data recover` rebuilds it from these trailers. Layout after the last chunk:
 * UTF-8 JSON, then its byte length as a 64-bit little-endian number, then the 8-byte magic.
 * Chunk offsets are unchanged, so readers that use the database never look at it.
 */
export const TRAILER_MAGIC = Buffer.from('KILNIDX1');

/** The dataset version a manifest was stored for (its number is given again on recovery, by time). */
export interface VersionLabel {
  dataset: string;
  manifest: string;
  message: string;
  author: string;
  createdAt: number;
}

export interface PackTrailer {
  v: 1;
  /** [hex digest, offset, length, chunk id algorithm (0 SHA-256, 1 BLAKE3)] */
  chunks: [string, number, number, number?][];
  /** hex digests of the manifests this pack describes (their bodies are chunks, whole or in pieces) */
  manifests: string[];
  labels: VersionLabel[];
  /**
   * manifest hex → the hex digests (SHA-256) of its content-defined pieces, in order, each a chunk of
   * this pack or of another; a manifest absent here is one chunk of its own (packs written before pieces)
   */
  pieces?: Record<string, string[]>;
}

export function encodeTrailer(t: PackTrailer): Buffer {
  const json = Buffer.from(JSON.stringify(t));
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(json.length));
  return Buffer.concat([json, len, TRAILER_MAGIC]);
}

/** The trailer of a pack file, or null when it has none (packs written before trailers, or cut short). */
export function readTrailer(path: string): PackTrailer | null {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size < 16) return null;
    const tail = Buffer.alloc(16);
    readSync(fd, tail, 0, 16, st.size - 16);
    if (!tail.subarray(8).equals(TRAILER_MAGIC)) return null;
    const len = Number(tail.readBigUInt64LE(0));
    if (len <= 0 || len > st.size - 16) return null;
    const json = Buffer.alloc(len);
    readSync(fd, json, 0, len, st.size - 16 - len);
    const t = JSON.parse(json.toString('utf8')) as PackTrailer;
    return t && t.v === 1 && Array.isArray(t.chunks) ? { ...t, manifests: t.manifests ?? [], labels: t.labels ?? [], pieces: t.pieces ?? {} } : null;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}
