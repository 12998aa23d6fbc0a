import { createHash } from 'node:crypto';
import { KilnError } from '../../shared/contract/index.js';

/**
 * `kiln-<model>-<6 hex of the workspace path>`: one service per model and workspace, so two
 * workspaces (or two test runs) deploying "digits" to one swarm never take each other's service.
 */
export function serviceName(model: string, workspaceRoot: string): string {
  const h = createHash('sha256').update(workspaceRoot).digest('hex').slice(0, 6);
  const m =
    model
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48) || 'model';
  return `kiln-${m}-${h}`;
}

/** Docker's memory syntax: 512m, 2g, 1024k, or bytes. */
export function parseMemory(s: string | undefined | null): number | null {
  if (!s) return null;
  const m = /^(\d+(?:\.\d+)?)([bkmg]?)$/i.exec(s.trim());
  if (!m) throw new KilnError('INVALID_INPUT', `--memory ${JSON.stringify(s)} is not a size: write e.g. 512m or 2g`);
  const mult = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2]!.toLowerCase() as '' | 'b' | 'k' | 'm' | 'g'];
  const bytes = Math.round(Number(m[1]) * mult);
  if (bytes < 6 * 1024 ** 2) throw new KilnError('INVALID_INPUT', `--memory ${s} is below the 6 MiB minimum Docker accepts`);
  return bytes;
}
