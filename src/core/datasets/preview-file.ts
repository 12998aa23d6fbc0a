import { KilnError, type FilePreview, type TableStats } from '../../shared/contract/index.js';
import type { ContentStore } from '../store/content-store.js';
import type { ManifestEntry } from './manifest.js';
import { StoredFile } from './stored-file.js';
import { imageSize, kindOf, looksLikeText } from './file-formats.js';
import { previewTable, tableStats } from './table-reader.js';
import { tfjsSummary } from './tfjs-summary.js';

/** Images up to this size are sent whole as their own thumbnail; the UI scales them. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
const TEXT_HEAD_BYTES = 256 * 1024;

/**
 * `sizeOf` gives the size of another file of the same tree (by path), so a TF.js model.json can
 * show its weight shards' sizes.
 */
export async function previewFile(
  store: ContentStore,
  e: ManifestEntry,
  label: string,
  limit: number,
  sizeOf: (path: string) => number | undefined = () => undefined,
): Promise<FilePreview> {
  if (e.type === 'symlink') return { kind: 'text', path: e.path, lines: [`→ ${e.target}`], truncated: false, size: e.size };
  if (e.type !== 'file') throw new KilnError('INVALID_INPUT', `${label} is a folder; pick a file to preview`);
  const f = new StoredFile(store, e, label);
  const head = f.read(0, Math.min(f.size, TEXT_HEAD_BYTES));
  const kind = kindOf(e.path, head);
  if (kind === 'png' || kind === 'jpeg') {
    const tooLarge = f.size > MAX_IMAGE_BYTES;
    const dim = imageSize(kind, head);
    return {
      kind: 'image',
      path: e.path,
      mime: kind === 'png' ? 'image/png' : 'image/jpeg',
      width: dim?.width ?? null,
      height: dim?.height ?? null,
      base64: tooLarge ? null : f.read(0, f.size).toString('base64'),
      tooLarge,
      size: f.size,
    };
  }
  if (kind === 'json' && f.size <= TEXT_HEAD_BYTES && /"modelTopology"/.test(head.toString('utf8'))) {
    try {
      const m = tfjsSummary(e.path, JSON.parse(head.toString('utf8')), sizeOf);
      if (m) return { ...m, size: f.size };
    } catch {
      /* not JSON after all: the table or text preview says so */
    }
  }
  if (kind !== 'other') {
    const t = await previewTable(f, kind, limit, label);
    if (t) return { kind: 'table', path: e.path, format: kind, columns: t.columns, rows: t.rows, truncated: t.truncated, size: f.size };
  }
  if (!looksLikeText(head)) return { kind: 'binary', path: e.path, size: f.size, message: `${e.path} is binary (${f.size} bytes); no preview` };
  let text = head.toString('utf8');
  if (kind === 'json' && f.size <= TEXT_HEAD_BYTES) {
    try {
      text = JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      /* show it as it is */
    }
  }
  const lines = text.split('\n');
  const truncated = lines.length > limit || f.size > head.length;
  return { kind: 'text', path: e.path, lines: lines.slice(0, limit), truncated, size: f.size };
}

export async function statsOfFile(store: ContentStore, e: ManifestEntry, label: string): Promise<TableStats> {
  const kind = kindOf(e.path);
  if (e.type !== 'file' || kind === 'other' || kind === 'png' || kind === 'jpeg') {
    throw new KilnError('INVALID_INPUT', `${label} is not a table (CSV, TSV, JSON, JSON Lines or Parquet); column statistics need one`);
  }
  const s = await tableStats(new StoredFile(store, e, label), kind, label);
  return {
    path: e.path,
    format: kind,
    rows: s.rows,
    columns: s.columns.map((c) => c.result()),
    ...(s.sampledRows !== undefined ? { sampledRows: s.sampledRows } : {}),
  };
}

/** Sizes of a tree's files by path, for `previewFile`'s `sizeOf`. */
export function sizeLookup(m: { entries: ManifestEntry[] }): (path: string) => number | undefined {
  let sizes: Map<string, number> | null = null;
  return (path) => {
    sizes ??= new Map(m.entries.filter((e) => e.type === 'file').map((e) => [e.path, e.size]));
    return sizes.get(path);
  };
}
