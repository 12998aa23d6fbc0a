import { statfsSync } from 'node:fs';
import { KilnError } from '../../shared/contract/index.js';

/** Uploads keep at least this much free on the workspace's disk unless KILN_MIN_FREE_BYTES says otherwise. */
export const DEFAULT_MIN_FREE_BYTES = 1024 * 1024 * 1024;

/** The free-space floor from the environment (bytes; suffixes K, M, G accepted), or the default. */
export function minFreeBytes(env: NodeJS.ProcessEnv): number {
  const raw = env.KILN_MIN_FREE_BYTES?.trim();
  if (!raw) return DEFAULT_MIN_FREE_BYTES;
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?$/i.exec(raw);
  if (!m) return DEFAULT_MIN_FREE_BYTES;
  const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g' | 't'];
  return Math.round(Number(m[1]) * mult);
}

/** Bytes an unprivileged writer may still use on the file system holding `path`. */
export function freeBytes(path: string): number {
  const s = statfsSync(path);
  return Number(s.bavail) * Number(s.bsize);
}

const mib = (n: number) => `${(n / 1048576).toFixed(n < 10 * 1048576 ? 1 : 0)} MiB`;

/** DISK_FULL when writing `more` bytes under `path` would leave less than `floor` free. */
export function assertRoom(path: string, more: number, floor: number, what: string): void {
  const free = freeBytes(path);
  if (free - more < floor) {
    throw new KilnError(
      'DISK_FULL',
      `${what} refused: it would leave ${mib(Math.max(0, free - more))} free on the workspace's disk, under the ${mib(floor)} Kiln keeps free (${mib(free)} free now${more ? `, ${mib(more)} to write` : ''}). Free some space (kiln data gc removes unused data) or lower the floor with KILN_MIN_FREE_BYTES; nothing of this file was kept`,
      { free, floor, needed: more },
    );
  }
}
