/** A file the browser holds, with its path relative to what was dropped or chosen (forward slashes). */
export interface DroppedFile {
  file: File;
  path: string;
}

/** What the user dropped: real paths (Electron) or browser files to stream (web). */
export type DropSource = { kind: 'paths'; paths: string[]; label: string } | { kind: 'files'; files: DroppedFile[]; label: string };

/** When everything sits under one top folder (a dropped folder), strip it: the folder's contents become the version, as with a path. */
export function stripCommonRoot(files: DroppedFile[]): { files: DroppedFile[]; root: string | null } {
  if (!files.length) return { files, root: null };
  const first = files[0]!.path.split('/')[0]!;
  if (!files.every((f) => f.path.startsWith(`${first}/`))) return { files, root: null };
  const rel = files.map((f) => ({ file: f.file, path: f.path.slice(first.length + 1) })).filter((f) => f.path !== '');
  return { files: rel, root: first };
}

export function totalBytes(files: DroppedFile[]): number {
  return files.reduce((n, f) => n + f.file.size, 0);
}
