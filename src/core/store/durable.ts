import { closeSync, fsyncSync, openSync, renameSync, writeFileSync, constants } from 'node:fs';
import { dirname } from 'node:path';

/** Makes a rename or unlink inside `dir` survive a power cut. */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, constants.O_RDONLY | constants.O_DIRECTORY);
    fsyncSync(fd);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** temp file, fsync, rename, fsync of the folder: readers see the old file or the whole new one. */
export function writeFileDurable(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w', 0o644);
  try {
    writeFileSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  fsyncDir(dirname(path));
}
