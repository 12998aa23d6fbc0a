import { readFileSync } from 'node:fs';

/** The container's memory limit from its cgroup (v2, then v1), or null when unlimited or unknown. */
export function memoryLimitBytes(): number | null {
  for (const f of ['/sys/fs/cgroup/memory.max', '/sys/fs/cgroup/memory/memory.limit_in_bytes']) {
    try {
      const v = readFileSync(f, 'utf8').trim();
      if (v === 'max') return null;
      const n = Number(v);
      // cgroup v1 reports "unlimited" as a huge number
      if (Number.isFinite(n) && n > 0 && n < 2 ** 60) return n;
      return null;
    } catch {
      // not this cgroup version
    }
  }
  return null;
}
