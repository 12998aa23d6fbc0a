import { parentPort } from 'node:worker_threads';
import { createHash } from 'node:crypto';
import { openSync, readSync, fstatSync, closeSync, constants } from 'node:fs';
import { cutPoint, CHUNK_MAX } from './fastcdc.js';
import { BLOCK_SIZE, MAX_UNACKED, type ChunkInfo, type FromWorker, type ToWorker, type FileTask, type VerifyTask, type WorkerErrorCode } from './worker-protocol.js';

/**
 * A hashing worker: reads a file in blocks, cuts it with FastCDC, hashes each chunk and the whole
 * file with SHA-256, and hands each block (transferred, not copied) to the store, which writes the
 * chunks it lacks. Also re-hashes ranges of pack files for verify.
 */
const port = parentPort!;
let unacked = 0;
/** full-size block buffers the store handed back */
const spare: ArrayBuffer[] = [];
let wake: (() => void) | null = null;

const post = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

port.on('message', (m: ToWorker) => {
  if (m.t === 'ack') {
    unacked--;
    if (m.buf && m.buf.byteLength === BLOCK_SIZE && spare.length < MAX_UNACKED + 1) spare.push(m.buf);
    wake?.();
    wake = null;
    return;
  }
  queue = queue.then(() => (m.t === 'file' ? ingest(m) : verify(m))).catch((e: unknown) => {
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
      post({ t: 'error', id: task.id, code: 'FILE_CHANGED', errno: 'ECHANGED', message: `${task.path} was replaced by something that is not a regular file after it was listed` });
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
      const chunks: ChunkInfo[] = [];
      let pos = 0;
      while (fill - pos >= CHUNK_MAX || (eof && pos < fill)) {
        const end = cutPoint(buf, pos, fill);
        chunks.push({ off: pos, len: end - pos, hex: createHash('sha256').update(buf.subarray(pos, end)).digest('hex') });
        pos = end;
      }
      // A file that is one chunk has that chunk's digest: no second pass over its bytes.
      if (first && eof && chunks.length === 1) singleHex = chunks[0]!.hex;
      else {
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
      post({ t: 'error', id: task.id, code: 'FILE_CHANGED', errno: 'ECHANGED', message: `${task.path} changed while it was read (size ${task.size} → ${after.size})` });
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
    for (const [offset, length, hex] of task.items) {
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
      else if (createHash('sha256').update(view).digest('hex') !== hex) bad.push({ hex, reason: `content does not match its digest (offset ${offset}, ${length} bytes)` });
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
