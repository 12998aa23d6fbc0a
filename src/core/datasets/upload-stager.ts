import { createWriteStream, mkdirSync, rmSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { assertRoom, minFreeBytes } from './free-space.js';
import type { Readable, Writable } from 'node:stream';
import { KilnError } from '../../shared/contract/index.js';
import type { WorkspaceService } from '../workspace/workspace-service.js';
import { mapDiskFull } from '../store/fs-errors.js';

const UPLOAD_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** how often (in bytes received) a streaming upload looks at the free space again */
const CHECK_EVERY = 4 * 1024 * 1024;

/** A relative upload path as segments; anything that could leave the staging folder is refused. */
export function safeSegments(relPath: string): string[] {
  const p = relPath.replace(/\/+$/, '');
  const segs = p.split('/');
  if (!p || p.startsWith('/') || p.includes('\0') || p.includes('\\') || segs.some((s) => s === '' || s === '.' || s === '..')) {
    throw new KilnError(
      'PATH_ESCAPE',
      `the upload path ${JSON.stringify(relPath)} is not a plain relative path inside the upload (no "..", no leading "/", no empty parts)`,
      { path: relPath },
    );
  }
  return segs;
}

/**
 * Browser drops arrive file by file (PUT /api/upload/<id>?path=…) and are staged under
 * `.kiln/uploads/<id>/` until `datasets:add` with `{ kind: 'upload' }` ingests and removes them.
 */
export class UploadStager {
  constructor(
    private readonly workspaces: WorkspaceService,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  dir(uploadId: string): string {
    if (!UPLOAD_ID.test(uploadId)) throw new KilnError('INVALID_INPUT', `uploadId ${JSON.stringify(uploadId)} must be 1-64 letters, digits, "_" or "-"`);
    return this.workspaces.get().path('uploads', uploadId);
  }

  /**
   * Streams one file into the staging folder; a path ending in "/" makes an (empty) folder.
   * The disk keeps a free-space floor (KILN_MIN_FREE_BYTES): a declared size that would go under it
   * is refused before a byte is written, and a stream that reaches it is stopped; either way the
   * partial file is removed, so nothing half-stored is left for an add to pick up.
   */
  async write(uploadId: string, relPath: string, body: Readable, declaredBytes?: number): Promise<{ path: string; bytes: number }> {
    const root = this.dir(uploadId);
    const segs = safeSegments(relPath);
    const target = join(root, ...segs);
    const floor = minFreeBytes(this.env);
    const kilnDir = this.workspaces.get().kilnDir;
    const what = `the upload of ${segs.join('/')}`;
    if (relPath.endsWith('/')) {
      try {
        mkdirSync(target, { recursive: true });
      } catch (e) {
        throw mapDiskFull(e, root);
      }
      body.resume();
      return { path: segs.join('/'), bytes: 0 };
    }
    assertRoom(kilnDir, declaredBytes ?? 0, floor, what);
    let bytes = 0;
    let sinceCheck = 0;
    // the floor is checked again as the bytes arrive (a missing or false Content-Length, other writers)
    const guard = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        bytes += chunk.length;
        sinceCheck += chunk.length;
        if (sinceCheck >= CHECK_EVERY) {
          sinceCheck = 0;
          try {
            assertRoom(kilnDir, CHECK_EVERY, floor, what);
          } catch (e) {
            cb(e as Error);
            return;
          }
        }
        cb(null, chunk);
      },
    });
    try {
      mkdirSync(dirname(target), { recursive: true });
      await streamTo(body, guard, createWriteStream(target, { flags: 'w', mode: 0o644 }));
      return { path: segs.join('/'), bytes };
    } catch (e) {
      rmSync(target, { force: true });
      throw mapDiskFull(e, root);
    }
  }

  exists(uploadId: string): boolean {
    return existsSync(this.dir(uploadId));
  }

  discard(uploadId: string): boolean {
    const d = this.dir(uploadId);
    if (!existsSync(d)) return false;
    rmSync(d, { recursive: true, force: true });
    return true;
  }
}

/**
 * body → guard → file. Unlike stream.pipeline, a failure does not destroy the request: the rest
 * of the body is drained so the client still gets the answer saying why.
 */
function streamTo(body: Readable, guard: Transform, file: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    let failed = false;
    const fail = (e: Error) => {
      if (failed) return;
      failed = true;
      body.unpipe(guard);
      body.resume();
      guard.destroy();
      file.destroy();
      reject(e);
    };
    body.on('error', fail);
    guard.on('error', fail);
    file.on('error', fail);
    file.on('close', () => (failed ? undefined : resolve()));
    body.pipe(guard).pipe(file);
  });
}
