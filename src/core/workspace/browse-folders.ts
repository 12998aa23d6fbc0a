import { readdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { KilnError, type FolderListing } from '../../shared/contract/index.js';
import { isWorkspace } from './locate-workspace.js';

const MAX_ENTRIES = 2000;

/**
 * The sub-folders of one folder, for the workspace dialog's folder browser (web mode has no
 * native picker). Hidden folders are left out; workspaces are marked.
 */
export async function browseFolders(path: string, home = homedir()): Promise<FolderListing> {
  let st;
  try {
    st = await stat(path);
  } catch {
    throw new KilnError('NOT_FOUND', `${path} does not exist`, { path });
  }
  if (!st.isDirectory()) throw new KilnError('INVALID_INPUT', `${path} is a file, not a folder`, { path });
  let names;
  try {
    names = await readdir(path, { withFileTypes: true });
  } catch (e) {
    throw new KilnError('FILE_UNREADABLE', `cannot list ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { path });
  }
  const folders = names
    .filter((d) => (d.isDirectory() || d.isSymbolicLink()) && !d.name.startsWith('.'))
    .map((d) => d.name)
    .sort((a, b) => a.localeCompare(b));
  const entries = [];
  for (const name of folders.slice(0, MAX_ENTRIES)) {
    const p = join(path, name);
    if (
      !(await stat(p).then(
        (s) => s.isDirectory(),
        () => false,
      ))
    )
      continue;
    entries.push({ name, path: p, workspace: isWorkspace(p) });
  }
  return { path, parent: dirname(path) === path ? null : dirname(path), home, workspace: isWorkspace(path), entries, truncated: folders.length > MAX_ENTRIES };
}
