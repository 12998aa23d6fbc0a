import type { DroppedFile } from './dropped-file';
import { putFile } from './put-file';
import { hashBlob } from './sha256';

export interface UploadProgress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

/** Streams the files one after another (the disk and the server's hashing are the limit, not requests). */
export async function uploadFiles(uploadId: string, files: DroppedFile[], onProgress: (p: UploadProgress) => void, signal: AbortSignal): Promise<void> {
  const bytesTotal = files.reduce((n, f) => n + f.file.size, 0);
  let base = 0;
  let filesDone = 0;
  for (const f of files) {
    if (signal.aborted) throw new DOMException('upload cancelled', 'AbortError');
    await putFile(uploadId, f.path, f.file, (sent) => onProgress({ filesDone, filesTotal: files.length, bytesDone: base + sent, bytesTotal }), signal);
    base += f.file.size;
    filesDone++;
    onProgress({ filesDone, filesTotal: files.length, bytesDone: base, bytesTotal });
  }
}

export interface ListedFile {
  path: string;
  size: number;
  mtime: number;
  digest: string;
}

/** Hashes each file (SHA-256) in turn; empty-folder markers (paths ending in "/") are not files and are skipped. */
export async function hashFiles(files: DroppedFile[], onProgress: (p: UploadProgress) => void, signal: AbortSignal): Promise<ListedFile[]> {
  const real = files.filter((f) => !f.path.endsWith('/'));
  const bytesTotal = real.reduce((n, f) => n + f.file.size, 0);
  const out: ListedFile[] = [];
  let base = 0;
  for (const f of real) {
    if (signal.aborted) throw new DOMException('hashing cancelled', 'AbortError');
    const digest = await hashBlob(f.file, (d) => onProgress({ filesDone: out.length, filesTotal: real.length, bytesDone: base + d, bytesTotal }), signal);
    out.push({ path: f.path, size: f.file.size, mtime: Math.max(0, Math.floor(f.file.lastModified)), digest });
    base += f.file.size;
    onProgress({ filesDone: out.length, filesTotal: real.length, bytesDone: base, bytesTotal });
  }
  return out;
}
