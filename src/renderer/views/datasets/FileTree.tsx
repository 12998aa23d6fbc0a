import { useMemo, useState } from 'react';
import { ChevronDown, ChevronRight, File, FileSpreadsheet, FileImage, Folder, Link2 } from 'lucide-react';
import type { DiffChange, TreeEntry } from '../../../shared/contract/index.js';
import { VirtualList } from '../../components/VirtualList';
import { formatBytes } from '../../../shared/format.js';
import { treeRows } from './tree-rows';

function iconFor(e: TreeEntry) {
  if (e.type === 'dir') return Folder;
  if (e.type === 'symlink') return Link2;
  if (/\.(csv|tsv|parquet|jsonl?|ndjson)$/i.test(e.path)) return FileSpreadsheet;
  if (/\.(png|jpe?g|gif|webp)$/i.test(e.path)) return FileImage;
  return File;
}

const BADGE: Record<DiffChange, { mark: string; title: string }> = {
  added: { mark: 'A', title: 'added since the previous version' },
  modified: { mark: 'M', title: 'changed since the previous version' },
  removed: { mark: 'D', title: 'removed: in the previous version only' },
  renamed: { mark: 'R', title: 'renamed since the previous version' },
};

/**
 * The version's files with sizes (folders sum theirs); folders fold. Virtualized for big trees.
 * `changes` marks files against the previous version (removed ones are in `entries` too, greyed).
 */
export function FileTree({
  entries,
  selected,
  onSelect,
  changes,
}: {
  entries: TreeEntry[];
  selected?: string;
  onSelect(path: string): void;
  changes?: ReadonlyMap<string, DiffChange>;
}) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const removed = useMemo(() => new Set([...(changes ?? [])].filter(([, c]) => c === 'removed').map(([p]) => p)), [changes]);
  const rows = useMemo(() => treeRows(entries, collapsed, removed), [entries, collapsed, removed]);
  const toggle = (p: string) =>
    setCollapsed((c) => {
      const n = new Set(c);
      if (n.has(p)) n.delete(p);
      else n.add(p);
      return n;
    });
  return (
    <VirtualList
      items={rows}
      rowHeight={26}
      label="Files"
      getKey={(r) => r.entry.path}
      render={(r) => {
        const Icon = iconFor(r.entry);
        const dir = r.entry.type === 'dir';
        const change = changes?.get(r.entry.path);
        const base = r.entry.type === 'symlink' ? `${r.entry.path} → ${r.entry.target ?? ''}` : r.entry.path;
        return (
          <button
            type="button"
            className={`tree-row ${selected === r.entry.path ? 'active' : ''} ${change ? `change-${change}` : ''}`}
            style={{ paddingLeft: 8 + r.depth * 14 }}
            title={change ? `${base} (${BADGE[change].title})` : base}
            data-change={change}
            onClick={() => (dir ? toggle(r.entry.path) : onSelect(r.entry.path))}
          >
            <span className="tree-caret">{dir ? collapsed.has(r.entry.path) ? <ChevronRight size={12} /> : <ChevronDown size={12} /> : null}</span>
            <Icon size={14} className="faint" aria-hidden="true" />
            <span className="tree-name ellipsis">{r.name}</span>
            <span className="tree-size num faint">{formatBytes(r.bytes)}</span>
            {changes && (
              <span className={`tree-badge tone-${change ?? ''}`} aria-label={change ? BADGE[change].title : undefined}>
                {change ? BADGE[change].mark : ''}
              </span>
            )}
          </button>
        );
      }}
    />
  );
}
