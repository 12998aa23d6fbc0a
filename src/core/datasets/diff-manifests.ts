import type { DatasetDiff, DiffEntry } from '../../shared/contract/index.js';
import { StringDecoder } from 'node:string_decoder';
import type { ContentStore } from '../store/content-store.js';
import { chunksOf, type Manifest, type ManifestEntry } from './manifest.js';
import { kindOf } from './file-formats.js';
import { StoredFile } from './stored-file.js';

/** Row diffs are computed for CSV/TSV files below this size (both sides). */
export const ROW_DIFF_MAX_BYTES = 200 * 1000 * 1000;

function same(a: ManifestEntry, b: ManifestEntry): boolean {
  return a.type === b.type && a.mode === b.mode && a.digest === b.digest && a.target === b.target && a.size === b.size;
}

/**
 * Files and links added, removed, modified; a removed path whose exact content (digest) reappears
 * under an added path is a rename. Bytes new and reused are counted per distinct chunk of `to`.
 */
export function diffManifests(
  store: ContentStore,
  a: Manifest,
  b: Manifest,
  labels: { from: string; to: string },
  opts: { rows?: boolean } = {},
): Pick<DatasetDiff, 'entries' | 'summary'> {
  const ea = new Map(a.entries.filter((e) => e.type !== 'dir').map((e) => [e.path, e]));
  const eb = new Map(b.entries.filter((e) => e.type !== 'dir').map((e) => [e.path, e]));
  const added: ManifestEntry[] = [];
  const removed: ManifestEntry[] = [];
  const entries: DiffEntry[] = [];
  let unchanged = 0;
  for (const [p, e] of eb) {
    const o = ea.get(p);
    if (!o) added.push(e);
    else if (same(o, e)) unchanged++;
    else entries.push({ path: p, change: 'modified', sizeBefore: o.size, sizeAfter: e.size, rows: opts.rows === false ? null : rowDiff(store, o, e, labels) });
  }
  for (const [p, e] of ea) if (!eb.has(p)) removed.push(e);
  const byDigest = new Map<string, ManifestEntry[]>();
  for (const r of removed) {
    if (r.type !== 'file' || !r.digest) continue;
    const l = byDigest.get(r.digest) ?? [];
    l.push(r);
    byDigest.set(r.digest, l);
  }
  const renamedFrom = new Set<string>();
  for (const e of added) {
    const src = e.type === 'file' && e.digest ? byDigest.get(e.digest)?.shift() : undefined;
    if (src) {
      renamedFrom.add(src.path);
      entries.push({ path: e.path, change: 'renamed', from: src.path, sizeBefore: src.size, sizeAfter: e.size });
    } else entries.push({ path: e.path, change: 'added', sizeAfter: e.size });
  }
  for (const r of removed) if (!renamedFrom.has(r.path)) entries.push({ path: r.path, change: 'removed', sizeBefore: r.size });
  entries.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));

  const had = new Set<string>();
  for (const e of a.entries) for (const [hex] of chunksOf(e)) had.add(hex);
  const counted = new Set<string>();
  let bytesNew = 0;
  let bytesReused = 0;
  for (const e of b.entries) {
    if (e.linkOf) continue;
    for (const [hex, len] of chunksOf(e)) {
      if (counted.has(hex)) continue;
      counted.add(hex);
      if (had.has(hex)) bytesReused += len;
      else bytesNew += len;
    }
  }
  const count = (c: DiffEntry['change']) => entries.filter((x) => x.change === c).length;
  return {
    entries,
    summary: { added: count('added'), removed: count('removed'), modified: count('modified'), renamed: count('renamed'), unchanged, bytesNew, bytesReused },
  };
}

/** Rows added and removed, comparing the two files' lines as multisets (order changes are not edits). */
function rowDiff(store: ContentStore, a: ManifestEntry, b: ManifestEntry, labels: { from: string; to: string }): { added: number; removed: number } | null {
  const k = kindOf(b.path);
  if (a.type !== 'file' || b.type !== 'file' || (k !== 'csv' && k !== 'tsv') || a.size > ROW_DIFF_MAX_BYTES || b.size > ROW_DIFF_MAX_BYTES) return null;
  const counts = new Map<string, number>();
  forEachLine(new StoredFile(store, a, `${a.path} of ${labels.from}`), (l) => counts.set(l, (counts.get(l) ?? 0) + 1));
  let added = 0;
  forEachLine(new StoredFile(store, b, `${b.path} of ${labels.to}`), (l) => {
    const n = counts.get(l);
    if (n) counts.set(l, n - 1);
    else added++;
  });
  let removed = 0;
  for (const n of counts.values()) removed += n;
  return { added, removed };
}

function forEachLine(f: StoredFile, fn: (line: string) => void): void {
  const dec = new StringDecoder('utf8');
  let rest = '';
  for (const b of f.blocks()) {
    const text = rest + dec.write(b);
    const lines = text.split('\n');
    rest = lines.pop()!;
    for (const l of lines) fn(l.endsWith('\r') ? l.slice(0, -1) : l);
  }
  rest += dec.end();
  if (rest) fn(rest.endsWith('\r') ? rest.slice(0, -1) : rest);
}
