import { KilnError } from '../../shared/contract/index.js';

/** A full disk, from the file system (ENOSPC, EDQUOT) or from SQLite (SQLITE_FULL). */
export function isDiskFull(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL' || (e instanceof Error && /database or disk is full|ENOSPC/.test(e.message));
}

/** Rethrows a full disk as DISK_FULL naming where, other errors unchanged. */
export function mapDiskFull(e: unknown, where: string): unknown {
  if (e instanceof KilnError) return e;
  if (isDiskFull(e)) {
    return new KilnError(
      'DISK_FULL',
      `the disk holding ${where} is full; nothing was half-written: free some space (kiln data gc removes unused data) and try again`,
      { where },
    );
  }
  return e;
}

export function errnoCode(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'EIO';
}
