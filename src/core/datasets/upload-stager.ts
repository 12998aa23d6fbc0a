import { createWriteStream, mkdirSync, rmSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { KilnError } from '../../shared/contract/index.js';
import type { WorkspaceService } from '../workspace/workspace-service.js';
import { mapDiskFull } from '../store/fs-errors.js';

const UPLOAD_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A relative upload path as segments; anything that could leave the staging folder is refused. */
export function safeSegments(relPath: string): string[] {
  const p = relPath.replace(/\/+$/, '');
  const segs = p.split('/');
  if (!p || p.startsWith('/') || p.includes('\0') || p.includes('\\') || segs.some((s) => s === '' || s === '.' || s === '..')) {
    throw new KilnError('PATH_ESCAPE', `the upload path ${JSON.stringify(relPath)} is not a plain relative path inside the upload (no "..", no leading "/", no empty parts)`, { path: relPath });
  }
  return segs;
}

/**
 * Browser drops arrive file by file (PUT /api/upload/<id>?path=…) and are staged under
 * `.kiln/uploads/<id>/` until `datasets:add` with `{ kind: 'upload' }` ingests and removes them.
 */
export class UploadStager {
  constructor(private readonly workspaces: WorkspaceService) {}

  dir(uploadId: string): string {
    if (!UPLOAD_ID.test(uploadId)) throw new KilnError('INVALID_INPUT', `uploadId ${JSON.stringify(uploadId)} must be 1-64 letters, digits, "_" or "-"`);
    return this.workspaces.get().path('uploads', uploadId);
  }

  /** Streams one file into the staging folder; a path ending in "/" makes an (empty) folder. */
  async write(uploadId: string, relPath: string, body: Readable): Promise<{ path: string; bytes: number }> {
    const root = this.dir(uploadId);
    const segs = safeSegments(relPath);
    const target = join(root, ...segs);
    try {
      if (relPath.endsWith('/')) {
        mkdirSync(target, { recursive: true });
        body.resume();
        return { path: segs.join('/'), bytes: 0 };
      }
      mkdirSync(dirname(target), { recursive: true });
      let bytes = 0;
      body.on('data', (c: Buffer) => (bytes += c.length));
      await pipeline(body, createWriteStream(target, { flags: 'w', mode: 0o644 }));
      return { path: segs.join('/'), bytes };
    } catch (e) {
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
