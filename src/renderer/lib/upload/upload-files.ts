import type { DroppedFile } from './dropped-file';
import { putFile } from './put-file';

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
