import type { ChunkAlgo } from './chunk-hash.js';

/** Messages between the store and its hashing workers (chunk-worker.ts). */

export interface FileTask {
  t: 'file';
  id: number;
  path: string;
  /** what lstat said when the tree was walked: a different fstat means the file changed */
  size: number;
  mtimeMs: number;
  ino: number;
}

export interface VerifyTask {
  t: 'verify';
  id: number;
  path: string;
  /** [offset, length, hex digest, chunk-hash.ts algo] in pack order */
  items: [number, number, string, number][];
}

/** `buf`: the block's buffer handed back for reuse (saves allocating and faulting in 4 MiB per block) */
export type ToWorker = FileTask | VerifyTask | { t: 'ack'; id: number; buf?: ArrayBuffer };

export interface ChunkInfo {
  /** offset inside the block's buffer */
  off: number;
  len: number;
  hex: string;
  algo: ChunkAlgo;
}

export type WorkerErrorCode = 'FILE_CHANGED' | 'FILE_UNREADABLE' | 'INTERNAL';

export type FromWorker =
  | { t: 'block'; id: number; buf: ArrayBuffer; chunks: ChunkInfo[]; bytes: number }
  | { t: 'done'; id: number; hex: string; size: number }
  | { t: 'error'; id: number; code: WorkerErrorCode; errno: string; message: string }
  | { t: 'verified'; id: number; bad: { hex: string; reason: string }[]; bytes: number }
  | { t: 'progress'; id: number; bytes: number };

/** Bytes read per block; a block carries the chunks that end inside it to the store. */
export const BLOCK_SIZE = 4 * 1024 * 1024;
/** Blocks a worker may have in flight before the store acknowledges one: bounds memory. */
export const MAX_UNACKED = 3;
