import { lstatSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { KilnError, type AddResult } from '../../shared/contract/index.js';
import type { ContentStore } from './content-store.js';
import { PackWriter, type NewChunk } from './pack-writer.js';
import { WorkerPool } from './worker-pool.js';
import { mapDiskFull, isDiskFull } from './fs-errors.js';

export interface IngestFile {
  /** absolute path */
  path: string;
  /** the name shown in errors (the manifest path) */
  label: string;
  size: number;
  mtimeMs: number;
  ino: number;
}

/** [hex digest, length] */
export type ChunkRef = [string, number];

export interface IngestedFile {
  hex: string;
  size: number;
  mtimeMs: number;
  ino: number;
  chunks: ChunkRef[];
}

/** The byte and chunk counts an add reports (the contract's `AddResult.stats`, less what the caller adds). */
export type IngestStats = Omit<AddResult['stats'], 'files' | 'seconds'>;

export interface IngestOptions {
  signal?: AbortSignal;
  onProgress?: (u: { filesDone: number; bytesDone: number }) => void;
  /** hashing workers; default one per core */
  workers?: number;
}

const CHANGE_RETRIES = 2;

/**
 * Hashes and stores files on the worker pool, in parallel and streaming. Every file is tried: those
 * that cannot be read, or keep changing while read, are listed in one error at the end. Chunks
 * already written stay stored (sealed and indexed) whatever happens, so a retry does not redo them.
 */
export async function ingestFiles(
  store: ContentStore,
  files: IngestFile[],
  opts: IngestOptions = {},
): Promise<{ results: Map<string, IngestedFile>; stats: IngestStats }> {
  const results = new Map<string, IngestedFile>();
  const stats: IngestStats = { filesHashed: 0, bytesRead: 0, bytesNew: 0, bytesReused: 0, chunksNew: 0, chunksReused: 0 };
  if (!files.length) return { results, stats };
  const writer = new PackWriter(store.packsDir, store.db);
  const pool = new WorkerPool(Math.max(1, Math.min(opts.workers ?? availableParallelism(), files.length)));
  const unreadable: string[] = [];
  const changed: string[] = [];
  let fatal: unknown = null;
  let filesDone = 0;
  let bytesDone = 0;
  const report = () => opts.onProgress?.({ filesDone, bytesDone });
  const onAbort = () => void pool.close();
  opts.signal?.addEventListener('abort', onAbort);

  const one = async (f: IngestFile, attempt: number): Promise<void> => {
    const chunks: ChunkRef[] = [];
    let read = 0;
    const m = await pool.run(
      { t: 'file', path: f.path, size: f.size, mtimeMs: f.mtimeMs, ino: f.ino },
      {
        onBlock: async (b) => {
          const data = new Uint8Array(b.buf);
          const fresh: NewChunk[] = [];
          const seen = new Set<string>();
          for (const c of b.chunks) {
            chunks.push([c.hex, c.len]);
            if (seen.has(c.hex) || writer.has(c.hex) || store.has(c.hex)) {
              stats.bytesReused += c.len;
              stats.chunksReused++;
            } else {
              seen.add(c.hex);
              fresh.push({ hex: c.hex, data: data.subarray(c.off, c.off + c.len), algo: c.algo });
            }
          }
          const wrote = await writer.append(fresh);
          stats.bytesNew += wrote;
          stats.bytesReused += fresh.reduce((s, c) => s + c.data.byteLength, 0) - wrote;
          stats.chunksNew += fresh.length;
          bytesDone += b.bytes - read;
          stats.bytesRead += b.bytes - read;
          read = b.bytes;
          report();
        },
      },
    );
    if (m.t === 'done') {
      results.set(f.path, { hex: m.hex, size: m.size, mtimeMs: f.mtimeMs, ino: f.ino, chunks });
      stats.filesHashed++;
      filesDone++;
      report();
      return;
    }
    if (m.t !== 'error') throw new KilnError('INTERNAL', `unexpected worker answer ${m.t}`);
    bytesDone -= read;
    if (m.code === 'FILE_CHANGED' && attempt < CHANGE_RETRIES) {
      // read it again with its new size and time
      let st;
      try {
        st = lstatSync(f.path);
      } catch (e) {
        unreadable.push(`${f.label}: ${(e as Error).message}`);
        return;
      }
      if (!st.isFile()) {
        changed.push(`${f.label}: was replaced by something that is not a file while it was read`);
        return;
      }
      return one({ ...f, size: st.size, mtimeMs: st.mtimeMs, ino: st.ino }, attempt + 1);
    }
    if (m.code === 'FILE_CHANGED') changed.push(`${f.label}: kept changing while it was read`);
    else if (m.code === 'FILE_UNREADABLE') unreadable.push(`${f.label}: ${m.errno} ${m.message.replace(`${f.path}: `, '')}`);
    else throw new KilnError('INTERNAL', m.message);
  };

  try {
    // big files first so both cores stay busy to the end
    const order = [...files].sort((a, b) => b.size - a.size);
    await Promise.all(
      order.map((f) =>
        one(f, 0).catch((e: unknown) => {
          if (fatal === null) fatal = e;
          if (isDiskFull(e) || (e instanceof KilnError && e.code === 'DISK_FULL')) void pool.close();
        }),
      ),
    );
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    await pool.close();
  }
  if (fatal !== null && e2code(fatal) === 'DISK_FULL') {
    await writer.abort();
    throw fatal;
  }
  try {
    await writer.flush();
  } catch (e) {
    throw mapDiskFull(e, store.packsDir);
  }
  if (opts.signal?.aborted) throw new KilnError('CANCELLED', 'the add was cancelled; chunks already stored are kept, so adding again resumes faster');
  if (fatal !== null) throw fatal;
  if (unreadable.length || changed.length) {
    const lines = [...unreadable, ...changed];
    const code = unreadable.length ? 'FILE_UNREADABLE' : 'FILE_CHANGED';
    const what = unreadable.length
      ? `${unreadable.length} file${unreadable.length > 1 ? 's' : ''} could not be read`
      : `${changed.length} file${changed.length > 1 ? 's' : ''} kept changing while being read`;
    throw new KilnError(
      code,
      `${what}, so no version was created: ${lines.slice(0, 5).join('; ')}${lines.length > 5 ? `; and ${lines.length - 5} more` : ''}. Fix their permissions or stop whatever writes them, then add again`,
      { lines, files: lines },
    );
  }
  return { results, stats };
}

function e2code(e: unknown): string | null {
  return e instanceof KilnError ? e.code : isDiskFull(e) ? 'DISK_FULL' : null;
}
