import { KilnError } from '../../shared/contract/index.js';
import { sha256Hex, toDigest } from '../store/digest.js';
import type { ChunkRef } from '../store/ingest.js';

/**
 * A version's content: every entry of the tree, sorted by path. The manifest's canonical JSON is
 * hashed; that digest is the version's identity, so equal trees get equal ids.
 *
 * `chunks` is left out when a file is a single chunk (its chunk digest is its file digest) or empty.
 */
export interface ManifestEntry {
  path: string;
  type: 'file' | 'dir' | 'symlink';
  mode: number;
  size: number;
  /** Unix ms, whole */
  mtime: number;
  /** whole-file SHA-256, hex */
  digest?: string;
  chunks?: ChunkRef[];
  target?: string;
  /** hard link: the first path (in sort order) of the group; its bytes are shared */
  linkOf?: string;
}

export interface Manifest {
  kiln: 'manifest/1';
  entries: ManifestEntry[];
}

export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Fixed key order, so the same tree always serialises (and hashes) the same. */
function canonical(e: ManifestEntry): ManifestEntry {
  const o: ManifestEntry = { path: e.path, type: e.type, mode: e.mode, size: e.size, mtime: e.mtime };
  if (e.digest !== undefined) o.digest = e.digest;
  if (e.chunks !== undefined && !impliedChunks(e)) o.chunks = e.chunks;
  if (e.target !== undefined) o.target = e.target;
  if (e.linkOf !== undefined) o.linkOf = e.linkOf;
  return o;
}

function impliedChunks(e: ManifestEntry): boolean {
  const c = e.chunks;
  if (!c) return true;
  if (c.length === 0) return e.size === 0;
  return c.length === 1 && c[0]![0] === e.digest && c[0]![1] === e.size;
}

/** The chunks of a file entry, the implied ones included. */
export function chunksOf(e: ManifestEntry): ChunkRef[] {
  if (e.type !== 'file') return [];
  if (e.chunks) return e.chunks;
  return e.size === 0 ? [] : [[e.digest!, e.size]];
}

export function serializeManifest(entries: ManifestEntry[]): { body: string; digest: string } {
  const sorted = [...entries].sort((a, b) => comparePaths(a.path, b.path));
  const body = JSON.stringify({ kiln: 'manifest/1', entries: sorted.map(canonical) } satisfies Manifest);
  return { body, digest: toDigest(sha256Hex(body)) };
}

/** Parses a stored manifest, checking its digest (a damaged manifest is never used). */
export function parseManifest(body: Uint8Array | string, digest: string): Manifest {
  const text = typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  if (toDigest(sha256Hex(text)) !== digest) {
    throw new KilnError('STORE_CORRUPT', `manifest ${digest} is damaged (its bytes no longer match its digest); run kiln data verify`, { manifest: digest });
  }
  const m = JSON.parse(text) as Manifest;
  if (m.kiln !== 'manifest/1' || !Array.isArray(m.entries))
    throw new KilnError('STORE_CORRUPT', `manifest ${digest} has an unknown format (${String(m.kiln)})`);
  return m;
}

/**
 * Refuses manifests whose paths would land outside the checkout folder: absolute paths, `..` or
 * `.` segments, empty segments, NUL, and entries below a symlink or a file (a link could redirect them).
 */
export function checkManifestPaths(m: Manifest): void {
  const kinds = new Map<string, ManifestEntry['type']>();
  for (const e of m.entries) kinds.set(e.path, e.type);
  for (const e of m.entries) {
    const p = e.path;
    const bad =
      typeof p !== 'string' ||
      p === '' ||
      p.startsWith('/') ||
      p.includes('\0') ||
      /^[A-Za-z]:/.test(p) ||
      p.split('/').some((s) => s === '' || s === '.' || s === '..');
    if (bad)
      throw new KilnError(
        'PATH_ESCAPE',
        `the manifest holds the path ${JSON.stringify(p)}, which would write outside the target folder; refusing to check it out`,
        { path: p },
      );
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('/');
      const k = kinds.get(parent);
      if (k !== undefined && k !== 'dir') {
        throw new KilnError(
          'PATH_ESCAPE',
          `the manifest puts ${JSON.stringify(p)} below ${JSON.stringify(parent)}, which is a ${k}, not a folder; refusing to check it out`,
          { path: p },
        );
      }
    }
    if (e.linkOf !== undefined && kinds.get(e.linkOf) !== 'file') {
      throw new KilnError('STORE_CORRUPT', `the manifest links ${JSON.stringify(p)} to ${JSON.stringify(e.linkOf)}, which is not a file of the same version`);
    }
  }
}
