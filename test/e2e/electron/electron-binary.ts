import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';

/** The Electron binary's path when the package downloaded it; null where it could not (as on the build machines). */
export function electronBinary(): string | null {
  try {
    const p = createRequire(import.meta.url)('electron') as unknown;
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}
