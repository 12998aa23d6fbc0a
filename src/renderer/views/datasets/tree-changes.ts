import type { DatasetDiff, DiffChange, TreeEntry } from '../../../shared/contract/index.js';

/**
 * A version's tree marked against its previous version: each added, changed or renamed file by
 * its path, and the removed files (and folders only they held) added to the entries so they can
 * be listed greyed.
 */
export function treeWithChanges(entries: TreeEntry[], diff: DatasetDiff | null): { entries: TreeEntry[]; changes: Map<string, DiffChange> | undefined } {
  if (!diff) return { entries, changes: undefined };
  const changes = new Map<string, DiffChange>();
  const have = new Set(entries.map((e) => e.path));
  const extra: TreeEntry[] = [];
  for (const d of diff.entries) {
    changes.set(d.path, d.change);
    if (d.change !== 'removed' || have.has(d.path)) continue;
    const parts = d.path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      if (have.has(dir)) continue;
      have.add(dir);
      changes.set(dir, 'removed');
      extra.push({ path: dir, type: 'dir', mode: 0o755, size: 0, mtime: 0 });
    }
    have.add(d.path);
    extra.push({ path: d.path, type: 'file', mode: 0o644, size: d.sizeBefore ?? 0, mtime: 0 });
  }
  return { entries: extra.length ? [...entries, ...extra] : entries, changes };
}
