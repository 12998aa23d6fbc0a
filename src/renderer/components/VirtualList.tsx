import { useRef, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

export interface VirtualListProps<T> {
  items: readonly T[];
  /** fixed row height in px: rows never change height, so nothing jumps */
  rowHeight: number;
  render(item: T, index: number): ReactNode;
  getKey?(item: T, index: number): string | number;
  className?: string;
  overscan?: number;
  /** aria label of the list */
  label?: string;
}

/** Every list that can grow: only the visible rows are in the DOM. The parent gives it a height. */
export function VirtualList<T>({ items, rowHeight, render, getKey, className, overscan = 8, label }: VirtualListProps<T>) {
  const parentRef = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({
    count: items.length,
    getScrollElement: () => parentRef.current,
    estimateSize: () => rowHeight,
    overscan,
    getItemKey: getKey ? (i) => getKey(items[i]!, i) : undefined,
  });
  return (
    <div ref={parentRef} className={`vlist ${className ?? ''}`} role="list" aria-label={label}>
      <div style={{ height: v.getTotalSize(), position: 'relative', width: '100%' }}>
        {v.getVirtualItems().map((row) => (
          <div
            key={row.key}
            role="listitem"
            className="vlist-row"
            style={{ position: 'absolute', top: 0, left: 0, right: 0, height: rowHeight, transform: `translateY(${row.start}px)` }}
          >
            {render(items[row.index]!, row.index)}
          </div>
        ))}
      </div>
    </div>
  );
}
