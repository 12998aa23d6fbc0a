import type { DroppedFile } from './dropped-file';

/* FileSystemEntry types are in lib.dom; readEntries returns at most ~100 entries per call, so read until empty. */

function readBatch(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((res, rej) => reader.readEntries(res, rej));
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((res, rej) => entry.file(res, rej));
}

async function walk(entry: FileSystemEntry, prefix: string, out: DroppedFile[]): Promise<void> {
  const path = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (entry.isFile) {
    out.push({ file: await fileOf(entry as FileSystemFileEntry), path });
  } else if (entry.isDirectory) {
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    let children = 0;
    for (;;) {
      const batch = await readBatch(reader);
      if (!batch.length) break;
      children += batch.length;
      for (const child of batch) await walk(child, path, out);
    }
    // the upload route makes an empty folder from a path ending in "/"
    if (!children) out.push({ file: new File([], ''), path: `${path}/` });
  }
}

/**
 * The files of a drop, folders walked. Entries must be taken from the DataTransfer during the
 * drop event itself (it is emptied afterwards), so the caller passes them in.
 */
export async function walkEntries(entries: FileSystemEntry[]): Promise<DroppedFile[]> {
  const out: DroppedFile[] = [];
  for (const e of entries) await walk(e, '', out);
  return out;
}

/** Entries of a DataTransfer, taken synchronously. */
export function entriesOf(dt: DataTransfer): FileSystemEntry[] {
  const out: FileSystemEntry[] = [];
  for (const item of Array.from(dt.items)) {
    if (item.kind !== 'file') continue;
    const e = item.webkitGetAsEntry();
    if (e) out.push(e);
  }
  return out;
}

/** Files picked with <input type=file webkitdirectory> carry their relative path already. */
export function filesOfInput(list: FileList): DroppedFile[] {
  return Array.from(list).map((file) => ({ file, path: file.webkitRelativePath || file.name }));
}
