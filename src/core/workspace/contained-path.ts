import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { KilnError } from '../../shared/contract/index.js';

/**
 * A workspace-relative path resolved on disk, component by component, refused with PATH_ESCAPE
 * when any component is a symlink that leads outside the workspace or nowhere (dangling).
 *
 * Why on disk and not by string: a cloned repository can hold a committed `link -> /home/me`,
 * and a previous run can leave one inside an output folder; `join(root, 'link/out')` then names
 * a host folder that Kiln would delete, mount read-write, hash or build from. The returned path
 * is the real one (symlinks inside the workspace resolved), so what Kiln then touches is what
 * was checked. Components that do not exist yet are allowed: Kiln creates them as folders.
 */
export interface ContainOptions {
  /** 'none' refuses every symlink on the way (paths Kiln deletes and bind-mounts); default: links that stay inside */
  links?: 'inside' | 'none';
}

export function containedPath(root: string, rel: string, what = rel, opts: ContainOptions = {}): string {
  const realRoot = realpathSync(root);
  const resolved = walk(realRoot, rel, what, opts);
  // Kiln's own folder is hidden from stages: a link into it is no way in either
  const own = join(realRoot, '.kiln');
  if (within(resolved, own) && !/^(\.\/)*\.kiln([\\/]|$)/.test(rel)) throw escape(what, rel, "it leads into .kiln, Kiln's own database and store");
  return resolved;
}

function walk(realRoot: string, rel: string, what: string, opts: ContainOptions): string {
  if (isAbsolute(rel)) throw escape(what, rel, 'it is an absolute path');
  const parts = rel.split(/[\\/]+/).filter((p) => p !== '' && p !== '.');
  let cur = realRoot;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part === '..') throw escape(what, rel, 'it goes up out of the workspace with ..');
    const next = join(cur, part);
    let isLink: boolean;
    try {
      isLink = lstatSync(next).isSymbolicLink();
    } catch (e) {
      // not there (or under a file): nothing to follow; the caller's own open or mkdir reports it
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return join(next, ...parts.slice(i + 1));
      throw e;
    }
    if (!isLink) {
      cur = next;
      continue;
    }
    const target = readlinkSync(next);
    let real: string;
    try {
      real = realpathSync(next);
    } catch {
      // a dangling link: whatever it will point at once created is not ours to decide
      throw escape(what, rel, `${shown(realRoot, next)} is a symlink to ${target}, which does not exist`);
    }
    if (opts.links === 'none')
      throw escape(what, rel, `${shown(realRoot, next)} is a symlink (to ${target}); Kiln deletes and mounts this path, so it must be a real folder`);
    if (!within(real, realRoot)) throw escape(what, rel, `${shown(realRoot, next)} is a symlink to ${resolve(cur, target)}, outside the workspace`);
    cur = real;
  }
  return cur;
}

/** Whether `p` is `base` or inside it (both absolute, real). */
export function within(p: string, base: string): boolean {
  return p === base || p.startsWith(base.endsWith(sep) ? base : base + sep);
}

function shown(root: string, p: string): string {
  return relative(root, p) || '.';
}

function escape(what: string, rel: string, why: string): KilnError {
  return new KilnError(
    'PATH_ESCAPE',
    `${what === rel ? rel : `${what} (${rel})`} leaves the workspace: ${why}. Kiln only mounts, deletes, reads and writes paths inside the workspace; replace the symlink with a folder or point it inside`,
    { path: rel },
  );
}
