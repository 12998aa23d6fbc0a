import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the app's own UI comes from: the dev server's origin, or the one packaged index.html. */
export interface AppSource {
  devServerUrl: string | undefined;
  /** absolute path of the packaged renderer's index.html */
  indexFile: string;
}

/**
 * Is this URL our own UI? Exact comparisons only: the dev server's origin (scheme, host and port,
 * so http://localhost:5173.evil.example is not it), or a file: URL naming exactly the packaged
 * index.html (any other file that happens to sit under an out/renderer/ folder is not). Query and
 * hash are the page's own business (client-side routes).
 */
export function isAppUrl(url: string, src: AppSource): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (src.devServerUrl) {
    let dev: URL;
    try {
      dev = new URL(src.devServerUrl);
    } catch {
      return false;
    }
    return u.origin === dev.origin && (u.protocol === 'http:' || u.protocol === 'https:');
  }
  if (u.protocol !== 'file:' || (u.host !== '' && u.host !== 'localhost')) return false;
  let path: string;
  try {
    path = fileURLToPath(`file://${u.pathname}`);
  } catch {
    return false;
  }
  return path === resolve(src.indexFile);
}
