import { useEffect, useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ModelVersion } from '../../../shared/contract/index.js';
import { useModels } from '../../stores/models';
import { Digest } from '../../components/Digest';
import { RelativeTime } from '../../components/RelativeTime';
import { formatBytes, formatNumber } from '../../../shared/format.js';
import { AliasPills } from './AliasPills';
import { GateStatus } from './GateStatus';
import { metricColumns, metricOf } from './version-metrics';

const ROW_H = 32;
const FIXED = [
  { title: 'Version', width: 64 },
  { title: 'Aliases', width: 140 },
  { title: 'Format', width: 96 },
];
const TAIL = [
  { title: 'Gates', width: 130 },
  { title: 'Size', width: 80, numeric: true },
  { title: 'Digest', width: 120 },
  { title: 'Registered', width: 110 },
];
const HEAD_H = 31;

/**
 * Every version of a model, newest first, one fixed-height row each. Virtualized and paged: only the
 * visible rows exist and only their pages are fetched, so 1,000 versions open as fast as 10.
 */
export function VersionsTable({ model, onOpen, selected }: { model: string; onOpen(v: ModelVersion): void; selected?: ReadonlySet<number> }) {
  const pages = useModels((s) => s.versions[model]);
  const total = pages?.total ?? 0;
  const scroll = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: total, getScrollElement: () => scroll.current, estimateSize: () => ROW_H, overscan: 12 });
  const items = v.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => useModels.getState().ensureVersions(model, first, last), [model, first, last, pages?.loaded, total]);
  // metric columns come from the first page: they stay put while scrolling
  const metrics = useMemo(() => metricColumns(pages?.pages[0] ?? [], 3), [pages?.pages[0]]);
  const cols = [...FIXED, ...metrics.map((m) => ({ title: m, width: 80, numeric: true })), ...TAIL];
  const template = cols.map((c) => `${c.width}px`).join(' ');
  const width = cols.reduce((a, c) => a + c.width, 0);
  const at = useModels((s) => s.versionAt);
  return (
    <div
      className="km-table"
      ref={scroll}
      role="grid"
      aria-rowcount={total}
      aria-label={`Versions of ${model}`}
      style={{ height: Math.min(560, HEAD_H + Math.max(total, 3) * ROW_H + 2) }}
    >
      <div className="km-thead" role="row" style={{ width, gridTemplateColumns: template }}>
        {cols.map((c) => (
          <span key={c.title} role="columnheader" className="km-cell" data-numeric={'numeric' in c ? true : undefined} title={c.title}>
            <span className="ellipsis">{c.title}</span>
          </span>
        ))}
      </div>
      <div className="km-tbody" style={{ height: v.getTotalSize(), width }}>
        {items.map((it) => {
          const mv = at(model, it.index);
          return (
            <div
              key={it.index}
              role="row"
              className="km-row"
              data-version={mv?.version}
              data-testid={mv ? `model-version-${mv.version}` : undefined}
              data-selected={mv && selected?.has(mv.version) ? true : undefined}
              tabIndex={mv ? 0 : -1}
              style={{ transform: `translateY(${it.start}px)`, gridTemplateColumns: template }}
              onClick={() => mv && onOpen(mv)}
              onKeyDown={(e) => mv && e.key === 'Enter' && onOpen(mv)}
            >
              {mv ? <Cells v={mv} metrics={metrics} /> : <span className="km-cell faint">…</span>}
            </div>
          );
        })}
      </div>
    </div>
  );
}

function Cells({ v, metrics }: { v: ModelVersion; metrics: string[] }) {
  return (
    <>
      <span role="gridcell" className="km-cell row-strong">
        v{v.version}
      </span>
      <span role="gridcell" className="km-cell">
        <AliasPills aliases={v.aliases} />
      </span>
      <span role="gridcell" className="km-cell muted" title={v.unsafe ? v.warnings.join('\n') : undefined}>
        {v.format}
        {v.unsafe && <span className="pill">unsafe</span>}
      </span>
      {metrics.map((m) => (
        <span
          key={m}
          role="gridcell"
          className="km-cell"
          data-numeric
          title={v.gateReport?.metrics[m] !== undefined ? 'from the holdout evaluation' : 'the run’s last value'}
        >
          {formatNumber(metricOf(v, m))}
        </span>
      ))}
      <span role="gridcell" className="km-cell">
        <GateStatus v={v} />
      </span>
      <span role="gridcell" className="km-cell" data-numeric>
        {formatBytes(v.sizeBytes)}
      </span>
      <span role="gridcell" className="km-cell">
        <Digest value={v.digest} />
      </span>
      <span role="gridcell" className="km-cell muted">
        <RelativeTime t={v.createdAt} />
      </span>
    </>
  );
}
