import type { TreeEntry } from '../../../shared/contract/index.js';

export interface TreeRow {
  entry: TreeEntry;
  name: string;
  depth: number;
  /** total bytes below a folder */
  bytes: number;
}

/** Flattens the sorted manifest entries into visible rows, hiding what sits under a collapsed folder. */
export function treeRows(entries: TreeEntry[], collapsed: ReadonlySet<string>, uncounted?: ReadonlySet<string>): TreeRow[] {
  const dirBytes = new Map<string, number>();
  for (const e of entries) {
    // removed files shown from the previous version do not add to their folders' sizes
    if (e.type !== 'file' || uncounted?.has(e.path)) continue;
    const parts = e.path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const d = parts.slice(0, i).join('/');
      dirBytes.set(d, (dirBytes.get(d) ?? 0) + e.size);
    }
  }
  const rows: TreeRow[] = [];
  // by path segments, so a folder's files follow it directly ("a", "a/b", then "a.txt")
  const key = (p: string) => p.replace(/\//g, '\u0000');
  const sorted = [...entries].sort((a, b) => {
    const x = key(a.path);
    const y = key(b.path);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  for (const e of sorted) {
    const parts = e.path.split('/');
    let hidden = false;
    for (let i = 1; i < parts.length && !hidden; i++) if (collapsed.has(parts.slice(0, i).join('/'))) hidden = true;
    if (hidden) continue;
    rows.push({ entry: e, name: parts[parts.length - 1]!, depth: parts.length - 1, bytes: e.type === 'dir' ? (dirBytes.get(e.path) ?? 0) : e.size });
  }
  return rows;
}
