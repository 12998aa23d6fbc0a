import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDown, ArrowUp } from 'lucide-react';
import type { RunRow } from '../../../shared/contract/index.js';
import type { SortSpec } from '../../stores/runs';
import { RunCell } from './RunCell';
import type { RunColumn } from './run-columns';

const ROW_H = 30;
const CHECK_W = 36;

interface Props {
  columns: RunColumn[];
  /** how many of `columns`, from the first, are pinned: they stick at the left */
  pinned: number;
  total: number;
  /** changes when rows land, so the visible ones re-render */
  version: number;
  rowAt(i: number): RunRow | undefined;
  sort: SortSpec | null;
  onSort(s: SortSpec): void;
  selection: string[];
  onToggle(id: string): void;
  onOpen(id: string): void;
  onRange(first: number, last: number): void;
  /** changes when the sort or filter does */
  resetKey: string;
}

/**
 * Every run, one fixed-height row each, virtualized: only the visible rows exist, and only their
 * pages are fetched, so 10,000 runs open as fast as 10. The header stays put while scrolling.
 */
export function RunsTable({ columns, pinned, total, version, rowAt, sort, onSort, selection, onToggle, onOpen, onRange, resetKey }: Props) {
  const scroll = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: total, getScrollElement: () => scroll.current, estimateSize: () => ROW_H, overscan: 12 });
  const items = v.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => onRange(first, last), [first, last, onRange]);
  // a new sort or filter is a new list: start at its top
  useEffect(() => {
    if (scroll.current) scroll.current.scrollTop = 0;
  }, [resetKey]);
  const width = CHECK_W + columns.reduce((a, c) => a + c.width, 0);
  const template = `${CHECK_W}px ${columns.map((c) => `${c.width}px`).join(' ')}`;
  const selected = new Set(selection);
  // the checkbox column and the pinned ones stick at the left: each at the sum of the widths before it
  const lefts: number[] = [];
  columns.reduce((x, c, i) => ((lefts[i] = x), x + c.width), CHECK_W);
  const stick = (i: number) => (i < pinned ? { left: lefts[i] } : undefined);
  const pinAttr = (i: number) => (i < pinned ? { 'data-pinned': true, 'data-pin-last': i === pinned - 1 || undefined } : {});

  return (
    <div className="kr-table" ref={scroll} role="grid" aria-rowcount={total} aria-label="runs" data-version={version}>
      <div className="kr-thead" role="row" style={{ width, gridTemplateColumns: template }}>
        <span className="kr-th kr-check-col" />
        {columns.map((c, i) => {
          const active = sort && c.sortKey && sort.column === c.sortKey;
          return (
            <button
              key={c.id}
              type="button"
              role="columnheader"
              className="kr-th"
              style={stick(i)}
              {...pinAttr(i)}
              data-numeric={c.numeric || undefined}
              disabled={!c.sortKey}
              title={c.sortKey ? `Sort by ${c.title}` : c.title}
              aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
              onClick={() => c.sortKey && onSort({ column: c.sortKey, dir: active && sort.dir === 'desc' ? 'asc' : 'desc' })}
            >
              <span className="ellipsis">{c.title}</span>
              {active ? sort.dir === 'asc' ? <ArrowUp size={12} /> : <ArrowDown size={12} /> : null}
            </button>
          );
        })}
      </div>
      <div className="kr-tbody" style={{ height: v.getTotalSize(), width }}>
        {items.map((it) => {
          const run = rowAt(it.index);
          return (
            <div
              key={it.index}
              role="row"
              className="kr-row"
              data-selected={run && selected.has(run.id) ? true : undefined}
              data-run={run?.id}
              tabIndex={run ? 0 : -1}
              style={{ transform: `translateY(${it.start}px)`, gridTemplateColumns: template }}
              onClick={() => run && onOpen(run.id)}
              onKeyDown={(e) => run && e.key === 'Enter' && onOpen(run.id)}
            >
              <span className="kr-td kr-check-col" onClick={(e) => e.stopPropagation()}>
                {run ? <input type="checkbox" aria-label={`select run ${run.seq}`} checked={selected.has(run.id)} onChange={() => onToggle(run.id)} /> : null}
              </span>
              {run ? (
                columns.map((c, i) => (
                  <span key={c.id} role="gridcell" className="kr-td" style={stick(i)} {...pinAttr(i)} data-numeric={c.numeric || undefined}>
                    <RunCell col={c} run={run} />
                  </span>
                ))
              ) : (
                <span className="kr-td kr-loading-row faint">…</span>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
