import { parentPort } from 'node:worker_threads';
import { createHash } from 'node:crypto';
import { openSync, readSync, fstatSync, closeSync, constants } from 'node:fs';
import { cutPointWith, CHUNK_MIN, CHUNK_MAX, MASK_S, MASK_L } from './fastcdc.js';
import { createGearScanner } from './gear-wasm.js';
import { chunkHex, ALGO_BLAKE3, ALGO_SHA256 } from './chunk-hash.js';
import {
  BLOCK_SIZE,
  MAX_UNACKED,
  type ChunkInfo,
  type FromWorker,
  type ToWorker,
  type FileTask,
  type VerifyTask,
  type WorkerErrorCode,
} from './worker-protocol.js';

/**
 * A hashing worker: reads a file in blocks, cuts it with FastCDC (gear scan in WebAssembly), hashes
 * each chunk (BLAKE3; a file that is one chunk: SHA-256, see chunk-hash.ts) and the whole file with
 * SHA-256, and hands each block (transferred, not copied) to the store, which writes the
 * chunks it lacks. Also re-hashes ranges of pack files for verify.
 */
const port = parentPort!;
let unacked = 0;
/** full-size block buffers the store handed back */
const spare: ArrayBuffer[] = [];
let wake: (() => void) | null = null;

const gear = createGearScanner(MASK_S, MASK_L);
gear.reserve(BLOCK_SIZE + CHUNK_MAX);
const scan = gear.scan;

const post = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

port.on('message', (m: ToWorker) => {
  if (m.t === 'ack') {
    unacked--;
    if (m.buf && m.buf.byteLength === BLOCK_SIZE && spare.length < MAX_UNACKED + 1) spare.push(m.buf);
    wake?.();
    wake = null;
    return;
  }
  queue = queue
    .then(() => (m.t === 'file' ? ingest(m) : verify(m)))
    .catch((e: unknown) => {
      post({ t: 'error', id: m.id, code: 'INTERNAL', errno: 'EIO', message: e instanceof Error ? e.message : String(e) });
    });
});
let queue: Promise<void> = Promise.resolve();

async function credit(): Promise<void> {
  while (unacked >= MAX_UNACKED) await new Promise<void>((r) => (wake = r));
  unacked++;
}

function fail(id: number, code: WorkerErrorCode, e: unknown, path: string): void {
  const errno = (e as { code?: string }).code ?? 'EIO';
  post({ t: 'error', id, code, errno, message: `${path}: ${e instanceof Error ? e.message : String(e)}` });
}

async function ingest(task: FileTask): Promise<void> {
  let fd: number;
  try {
    // O_NONBLOCK: a file swapped for a FIFO after listing would block this open forever (no writer);
    // non-blocking, the open returns at once and the type is checked on the descriptor itself.
    // Reads of a regular file ignore the flag.
    fd = openSync(task.path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    fail(task.id, 'FILE_UNREADABLE', e, task.path);
    return;
  }
  try {
    const before = fstatSync(fd);
    if (!before.isFile()) {
      post({
        t: 'error',
        id: task.id,
        code: 'FILE_CHANGED',
        errno: 'ECHANGED',
        message: `${task.path} was replaced by something that is not a regular file after it was listed`,
      });
      return;
    }
    if (before.size !== task.size || before.mtimeMs !== task.mtimeMs || before.ino !== task.ino) {
      post({ t: 'error', id: task.id, code: 'FILE_CHANGED', errno: 'ECHANGED', message: `${task.path} changed between listing and reading` });
      return;
    }
    const whole = createHash('sha256');
    let singleHex: string | null = null;
    let carry: Buffer | null = null;
    let total = 0;
    let eof = false;
    let first = true;
    while (!eof) {
      // small files get a buffer of their size (+1 byte, so growth shows); big ones reuse returned blocks
      const want = first && task.size < BLOCK_SIZE ? task.size + 1 : BLOCK_SIZE;
      const recycled = want === BLOCK_SIZE ? spare.pop() : undefined;
      const buf = recycled ? Buffer.from(recycled) : Buffer.allocUnsafeSlow(want);
      let fill = 0;
      if (carry) {
        carry.copy(buf, 0);
        fill = carry.length;
      }
      const fresh = fill;
      while (fill < buf.length) {
        let n: number;
        try {
          n = readSync(fd, buf, fill, buf.length - fill, null);
        } catch (e) {
          fail(task.id, 'FILE_UNREADABLE', e, task.path);
          return;
        }
        if (n === 0) {
          eof = true;
          break;
        }
        fill += n;
        total += n;
      }
      // the scan reads a copy in WebAssembly memory; `buf` itself travels to the store
      if (fill > CHUNK_MIN) gear.data().set(buf.subarray(0, fill));
      const cuts: number[] = [];
      let pos = 0;
      while (fill - pos >= CHUNK_MAX || (eof && pos < fill)) {
        pos = cutPointWith(scan, pos, fill);
        cuts.push(pos);
      }
      const chunks: ChunkInfo[] = [];
      if (first && eof && cuts.length === 1) {
        // a file that is one chunk: its SHA-256 is both its digest and the chunk's id, one pass
        singleHex = chunkHex(ALGO_SHA256, buf.subarray(0, fill));
        chunks.push({ off: 0, len: fill, hex: singleHex, algo: ALGO_SHA256 });
      } else {
        let at = 0;
        for (const end of cuts) {
          chunks.push({ off: at, len: end - at, hex: chunkHex(ALGO_BLAKE3, buf.subarray(at, end)), algo: ALGO_BLAKE3 });
          at = end;
        }
        whole.update(buf.subarray(fresh, fill));
      }
      first = false;
      carry = pos < fill ? Buffer.from(buf.subarray(pos, fill)) : null;
      if (chunks.length) {
        await credit();
        post({ t: 'block', id: task.id, buf: buf.buffer as ArrayBuffer, chunks, bytes: total }, [buf.buffer as ArrayBuffer]);
      }
    }
    const after = fstatSync(fd);
    if (total !== task.size || after.size !== task.size || after.mtimeMs !== task.mtimeMs) {
      post({
        t: 'error',
        id: task.id,
        code: 'FILE_CHANGED',
        errno: 'ECHANGED',
        message: `${task.path} changed while it was read (size ${task.size} → ${after.size})`,
      });
      return;
    }
    const hex = singleHex ?? whole.digest('hex');
    post({ t: 'done', id: task.id, hex, size: total });
  } finally {
    closeSync(fd);
  }
}

async function verify(task: VerifyTask): Promise<void> {
  const bad: { hex: string; reason: string }[] = [];
  let fd: number;
  try {
    fd = openSync(task.path, constants.O_RDONLY);
  } catch (e) {
    post({ t: 'verified', id: task.id, bad: task.items.map(([, , hex]) => ({ hex, reason: `pack unreadable: ${(e as Error).message}` })), bytes: 0 });
    return;
  }
  let bytes = 0;
  let lastReport = 0;
  try {
    const buf = Buffer.allocUnsafe(CHUNK_MAX);
    for (const [offset, length, hex, algo] of task.items) {
      const view = length <= buf.length ? buf.subarray(0, length) : Buffer.allocUnsafe(length);
      let got = 0;
      try {
        while (got < length) {
          const n = readSync(fd, view, got, length - got, offset + got);
          if (n === 0) break;
          got += n;
        }
      } catch (e) {
        bad.push({ hex, reason: `read failed: ${(e as Error).message}` });
        continue;
      }
      bytes += length;
      if (got < length) bad.push({ hex, reason: `pack is truncated (${got} of ${length} bytes at offset ${offset})` });
      else if (chunkHex(algo as 0 | 1, view) !== hex) bad.push({ hex, reason: `content does not match its digest (offset ${offset}, ${length} bytes)` });
      if (bytes - lastReport > 16 * 1024 * 1024) {
        post({ t: 'progress', id: task.id, bytes: bytes - lastReport });
        lastReport = bytes;
      }
    }
  } finally {
    closeSync(fd);
  }
  if (bytes > lastReport) post({ t: 'progress', id: task.id, bytes: bytes - lastReport });
  post({ t: 'verified', id: task.id, bad, bytes });
}
