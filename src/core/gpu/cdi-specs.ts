import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * CDI spec files that describe NVIDIA GPUs (kind nvidia.com/gpu) in the engine's CDI folders.
 * Docker 25+ lists /etc/cdi and /var/run/cdi even when they are empty, so the folders alone
 * say nothing; `nvidia-ctk cdi generate` writes the spec that counts.
 */
export function nvidiaCdiSpecs(dirs: readonly string[]): string[] {
  const found: string[] = [];
  for (const d of dirs) {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      continue;
    }
    for (const n of names) {
      if (!/\.(ya?ml|json)$/i.test(n)) continue;
      try {
        if (readFileSync(join(d, n), 'utf8').includes('nvidia.com/gpu')) found.push(join(d, n));
      } catch {
        // unreadable spec: not usable either
      }
    }
  }
  return found;
}
