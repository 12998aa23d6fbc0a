import { KilnError } from '../../shared/contract/index.js';
import type { ManifestEntry } from './manifest.js';

export interface ListedFile {
  path: string;
  size: number;
  mtime: number;
  digest: string;
}

/**
 * A browser upload's tree from its listing: files that were uploaded (in `entries`, built from the
 * upload folder) must hash to their listed digest; the others come from the store (`stored`, by
 * digest). Every file takes its listed modification time, and each folder the newest time below
 * it, so the same folder uploaded twice makes the same manifest, and so no new version.
 */
export function treeFromListing(entries: ManifestEntry[], listing: ListedFile[], stored: Map<string, ManifestEntry>): ManifestEntry[] {
  const listed = new Map(listing.map((f) => [f.path, f]));
  const out = new Map<string, ManifestEntry>();
  for (const e of entries) {
    if (e.type !== 'file') {
      out.set(e.path, { ...e });
      continue;
    }
    const f = listed.get(e.path);
    if (!f) throw new KilnError('INVALID_INPUT', `the upload holds ${e.path}, which its file list does not name`, { path: e.path });
    if (f.digest !== e.digest)
      throw new KilnError(
        'INVALID_INPUT',
        `${e.path} was uploaded with other bytes than the browser hashed (sha256 ${f.digest.slice(0, 12)}…, got ${e.digest?.slice(0, 12)}…); upload it again`,
        {
          path: e.path,
        },
      );
    out.set(e.path, { ...e, mtime: f.mtime, linkOf: undefined });
  }
  for (const f of listing) {
    if (out.has(f.path)) continue;
    const s = stored.get(f.digest);
    if (!s)
      throw new KilnError('NOT_FOUND', `${f.path} was not uploaded and the store does not hold its content (sha256 ${f.digest.slice(0, 12)}…); upload it`, {
        path: f.path,
      });
    if (s.size !== f.size)
      throw new KilnError('INVALID_INPUT', `${f.path} is listed with ${f.size} bytes but its digest names ${s.size} bytes`, { path: f.path });
    const e: ManifestEntry = { path: f.path, type: 'file', mode: 0o644, size: s.size, mtime: f.mtime, digest: s.digest! };
    if (s.chunks) e.chunks = s.chunks;
    out.set(f.path, e);
  }
  // folders: those the files imply, each dated by the newest file below it
  const newest = new Map<string, number>();
  for (const e of out.values()) {
    const parts = e.path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const d = parts.slice(0, i).join('/');
      newest.set(d, Math.max(newest.get(d) ?? 0, e.type === 'file' ? e.mtime : 0));
    }
  }
  for (const [d, t] of newest) {
    const cur = out.get(d);
    if (!cur) out.set(d, { path: d, type: 'dir', mode: 0o755, size: 0, mtime: t });
    else if (cur.type === 'dir') out.set(d, { ...cur, mode: 0o755, mtime: t });
  }
  for (const e of out.values()) if (e.type === 'dir' && !newest.has(e.path)) e.mtime = 0; // an empty folder
  for (const e of out.values()) if (e.linkOf === undefined) delete e.linkOf;
  return [...out.values()];
}
