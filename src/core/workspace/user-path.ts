import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { KilnError } from '../../shared/contract/index.js';

/**
 * A folder path as a person types it into the UI: `~` and `~/…` are the home folder; a relative
 * path is refused, since the server's current folder means nothing to someone in a browser.
 */
export function userPath(input: string, home = homedir()): string {
  const p = input.trim();
  if (p === '~') return home;
  if (p.startsWith('~/')) return resolve(join(home, p.slice(2)));
  if (!isAbsolute(p)) {
    throw new KilnError('INVALID_INPUT', `"${p}" is a relative path: give the full path of the folder, such as ${join(home, p)} or ~/${p}`, { path: p });
  }
  return resolve(p);
}
