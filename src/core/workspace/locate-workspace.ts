import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { KILN_DIR } from './workspace.js';

export function isWorkspace(dir: string): boolean {
  const k = join(dir, KILN_DIR);
  return existsSync(k) && statSync(k).isDirectory();
}

/** The workspace containing `start` (it or a parent), as git finds its repository; null if none. */
export function findWorkspaceRoot(start: string): string | null {
  let dir = resolve(start);
  for (;;) {
    if (isWorkspace(dir)) return dir;
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}
