import { posix } from 'node:path';
import { KilnError, type FilePreview, type RunFiles, type TreeEntry } from '../../shared/contract/index.js';
import type { SqlDatabase } from '../db/sql.js';
import type { DatasetService } from '../datasets/dataset-service.js';
import type { Manifest, ManifestEntry } from '../datasets/manifest.js';
import { previewFile } from '../datasets/preview-file.js';
import { getRun } from './get-run.js';

interface Placed {
  /** the path in the run's tree: the output's workspace path, then the path inside it */
  path: string;
  entry: ManifestEntry;
}

/** Every stored output of a run as one tree, each output under its workspace path (data/…, model/…). */
function placedEntries(db: SqlDatabase, data: DatasetService, runId: string): { seq: number; placed: Placed[]; missing: string[] } {
  const run = getRun(db, runId);
  const placed: Placed[] = [];
  const missing: string[] = [];
  for (const o of run.outputs) {
    const root = o.path
      .replace(/\\/g, '/')
      .replace(/^\.\/+/, '')
      .replace(/\/+$/, '');
    if (o.tree === null) {
      missing.push(root);
      continue;
    }
    let m: Manifest;
    try {
      m = data.manifests.get(o.tree);
    } catch {
      missing.push(root);
      continue;
    }
    // a single-file output is stored as a tree holding that file by its name
    const files = m.entries.filter((e) => e.type === 'file');
    if (m.entries.length === 1 && files.length === 1 && files[0]!.path === posix.basename(root)) {
      placed.push({ path: root, entry: files[0]! });
      continue;
    }
    placed.push({ path: root, entry: { path: root, type: 'dir', mode: 0o755, size: 0, mtime: 0 } as ManifestEntry });
    for (const e of m.entries) placed.push({ path: `${root}/${e.path}`, entry: e });
  }
  // parent folders of nested output paths (out/model) so the tree folds
  const have = new Set(placed.map((p) => p.path));
  for (const p of [...placed]) {
    const parts = p.path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const d = parts.slice(0, i).join('/');
      if (!have.has(d)) {
        have.add(d);
        placed.push({ path: d, entry: { path: d, type: 'dir', mode: 0o755, size: 0, mtime: 0 } as ManifestEntry });
      }
    }
  }
  placed.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { seq: run.seq, placed, missing };
}

export function runFiles(db: SqlDatabase, data: DatasetService, runId: string): RunFiles {
  const { placed, missing } = placedEntries(db, data, runId);
  const entries: TreeEntry[] = placed.map(({ path, entry: e }) => {
    const t: TreeEntry = { path, type: e.type, mode: e.mode, size: e.type === 'file' ? e.size : 0, mtime: e.mtime };
    if (e.digest) t.digest = `sha256:${e.digest}`;
    if (e.target !== undefined) t.target = e.target;
    return t;
  });
  const files = entries.filter((e) => e.type === 'file');
  return { runId, entries, files: files.length, bytes: files.reduce((a, e) => a + e.size, 0), notStored: missing };
}

export async function previewRunFile(db: SqlDatabase, data: DatasetService, runId: string, path: string, limit: number): Promise<FilePreview> {
  const { seq, placed } = placedEntries(db, data, runId);
  const hit = placed.find((p) => p.path === path);
  if (!hit) throw new KilnError('NOT_FOUND', `run #${seq} has no output file ${JSON.stringify(path)}`, { path });
  const sizes = new Map(placed.filter((p) => p.entry.type === 'file').map((p) => [p.path, p.entry.size]));
  try {
    // the entry by its path in the run's tree, so a model.json finds its shards beside it
    return await previewFile(data.store, { ...hit.entry, path }, `${path} of run #${seq}`, limit, (q) => sizes.get(q));
  } finally {
    data.store.closeFds();
  }
}
