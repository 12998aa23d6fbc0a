import { useMemo, useState } from 'react';
import { ChevronDown, ChevronRight, File, FileSpreadsheet, FileImage, Folder, Link2 } from 'lucide-react';
import type { TreeEntry } from '../../../shared/contract/index.js';
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

/** The version's files with sizes (folders sum theirs); folders fold. Virtualized for big trees. */
export function FileTree({ entries, selected, onSelect }: { entries: TreeEntry[]; selected?: string; onSelect(path: string): void }) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const rows = useMemo(() => treeRows(entries, collapsed), [entries, collapsed]);
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
        return (
          <button
            type="button"
            className={`tree-row ${selected === r.entry.path ? 'active' : ''}`}
            style={{ paddingLeft: 8 + r.depth * 14 }}
            title={r.entry.type === 'symlink' ? `${r.entry.path} → ${r.entry.target ?? ''}` : r.entry.path}
            onClick={() => (dir ? toggle(r.entry.path) : onSelect(r.entry.path))}
          >
            <span className="tree-caret">{dir ? collapsed.has(r.entry.path) ? <ChevronRight size={12} /> : <ChevronDown size={12} /> : null}</span>
            <Icon size={14} className="faint" aria-hidden="true" />
            <span className="tree-name ellipsis">{r.name}</span>
            <span className="tree-size num faint">{formatBytes(r.bytes)}</span>
          </button>
        );
      }}
    />
  );
}
