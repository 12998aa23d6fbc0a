import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { relative } from 'node:path';
import { KilnError } from '../../shared/contract/index.js';

/** SQLite's "database is locked" (SQLITE_BUSY after the busy timeout, or SQLITE_LOCKED). */
export function isDatabaseLocked(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || (typeof code === 'string' && code.startsWith('SQLITE_BUSY'))) return true;
  return e instanceof Error && !(e instanceof KilnError) && /database (table )?is locked/i.test(e.message);
}

export interface LockHolder {
  pid: number;
  command: string;
}

/**
 * Other processes that have the database (or its WAL or shared-memory file) open, found by
 * reading /proc/<pid>/fd (Linux; processes of other users are not visible and not listed).
 */
export function databaseHolders(dbPath: string): LockHolder[] {
  const names = new Set([dbPath, `${dbPath}-wal`, `${dbPath}-shm`, `${dbPath}-journal`]);
  const out: LockHolder[] = [];
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((n) => /^\d+$/.test(n) && Number(n) !== process.pid);
  } catch {
    return out;
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    const holds = fds.some((fd) => {
      try {
        return names.has(readlinkSync(`/proc/${pid}/fd/${fd}`));
      } catch {
        return false;
      }
    });
    if (!holds) continue;
    let command = '';
    try {
      command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
    } catch {
      /* it ended meanwhile */
    }
    out.push({ pid: Number(pid), command: command.length > 160 ? `${command.slice(0, 157)}...` : command });
  }
  return out;
}

/** A "database is locked" error as LOCKED, naming who holds the database and what to try; others unchanged. */
export function explainLocked(e: unknown, dbPath: string | null, root: string | null = null): unknown {
  if (!isDatabaseLocked(e) || !dbPath) return e;
  const shown = root ? relative(root, dbPath) : dbPath;
  const holders = databaseHolders(dbPath);
  const who = holders.length
    ? `it is held by ${holders.map((h) => `pid ${h.pid}${h.command ? ` (${h.command})` : ''}`).join(', ')}`
    : 'another program has it open for writing (another Kiln window, `kiln serve` or a kiln command in this workspace, or an SQLite tool such as sqlite3 or DB Browser)';
  return new KilnError(
    'LOCKED',
    `the workspace database ${shown} is locked: ${who}. Wait for that to finish and try again, or close it${holders.length ? ` (kill ${holders.map((h) => h.pid).join(' ')} if it hangs)` : ''}; nothing was changed`,
    { path: dbPath, holders },
  );
}
