import { mkdirSync, openSync, closeSync, readdirSync, readFileSync, unlinkSync, writeSync, constants } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { KilnError } from '../../shared/contract/index.js';

/**
 * Writers (add, storeTree) and gc exclude each other across processes: every writer holds a
 * `write-*` file, gc the one `gc` file; each creates its own file first and then looks for the
 * other kind, so two racing at once both see each other. A file whose process died (kill -9)
 * is stale and removed.
 */
export interface StoreLock {
  release(): void;
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ownerPid(path: string): number | null {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function createLockFile(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  writeSync(fd, String(process.pid));
  closeSync(fd);
  return true;
}

/** live holders among files named by `match`; stale ones are removed */
function liveHolders(dir: string, match: (name: string) => boolean, except?: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (!match(name) || name === except) continue;
    const p = join(dir, name);
    const pid = ownerPid(p);
    if (pid !== null && alive(pid)) out.push(`${name} (pid ${pid})`);
    else if (pid !== null) {
      try {
        unlinkSync(p);
      } catch {
        /* another process cleaned it */
      }
    }
  }
  return out;
}

export function lockForWrite(locksDir: string): StoreLock {
  mkdirSync(locksDir, { recursive: true });
  const name = `write-${process.pid}-${randomBytes(4).toString('hex')}`;
  const path = join(locksDir, name);
  createLockFile(path);
  const gc = liveHolders(locksDir, (n) => n === 'gc');
  if (gc.length) {
    unlinkSync(path);
    throw new KilnError('LOCKED', `the store is being garbage-collected (${gc.join(', ')}); try again when kiln data gc has finished`);
  }
  return { release: () => unlinkIfPresent(path) };
}

export function lockForGc(locksDir: string): StoreLock {
  mkdirSync(locksDir, { recursive: true });
  const path = join(locksDir, 'gc');
  if (!createLockFile(path)) {
    const pid = ownerPid(path);
    if (pid !== null && alive(pid)) throw new KilnError('LOCKED', `another gc is running (pid ${pid}); wait for it to finish`);
    unlinkIfPresent(path);
    if (!createLockFile(path)) throw new KilnError('LOCKED', 'another gc started at the same moment; wait for it to finish');
  }
  const writers = liveHolders(locksDir, (n) => n.startsWith('write-'));
  if (writers.length) {
    unlinkIfPresent(path);
    throw new KilnError('LOCKED', `gc needs the store to itself, but data is being added (${writers.join(', ')}); run gc when that has finished`);
  }
  return { release: () => unlinkIfPresent(path) };
}

function unlinkIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    /* already gone */
  }
}
