import type { RunRow } from '../../../shared/contract/index.js';

export type ColumnKind = 'status' | 'name' | 'start' | 'duration' | 'datasets' | 'tags' | 'notes' | 'param' | 'metric';

export interface RunColumn {
  /** stable id, also the sort column core understands (`params.lr`, `metrics.loss.last`) */
  id: string;
  kind: ColumnKind;
  title: string;
  width: number;
  /** null: core cannot sort by it */
  sortKey: string | null;
  numeric: boolean;
  key?: string;
}

const BASE: RunColumn[] = [
  { id: 'status', kind: 'status', title: 'Status', width: 104, sortKey: 'status', numeric: false },
  { id: 'name', kind: 'name', title: 'Run', width: 190, sortKey: 'seq', numeric: false },
  { id: 'start', kind: 'start', title: 'Started', width: 104, sortKey: 'start', numeric: false },
  { id: 'duration', kind: 'duration', title: 'Duration', width: 84, sortKey: 'duration', numeric: true },
  { id: 'datasets', kind: 'datasets', title: 'Datasets', width: 170, sortKey: null, numeric: false },
  { id: 'tags', kind: 'tags', title: 'Tags', width: 130, sortKey: null, numeric: false },
  { id: 'notes', kind: 'notes', title: 'Notes', width: 180, sortKey: null, numeric: false },
];

/** Every column the table can show: the fixed ones, then one per metric (what people look at first), then per param key. */
export function allColumns(paramKeys: string[], metrics: string[]): RunColumn[] {
  return [
    ...BASE,
    ...metrics.map((m): RunColumn => ({ id: `metrics.${m}`, kind: 'metric', title: m, width: 110, sortKey: `metrics.${m}.last`, numeric: true, key: m })),
    ...paramKeys.map((k): RunColumn => ({ id: `params.${k}`, kind: 'param', title: k, width: 110, sortKey: `params.${k}`, numeric: true, key: k })),
  ];
}

/** Until the user chooses: the fixed columns but notes, the first params and metrics. */
export function shownByDefault(c: RunColumn, indexInKind: number): boolean {
  if (c.kind === 'notes') return false;
  if (c.kind === 'param') return indexInKind < 6;
  if (c.kind === 'metric') return indexInKind < 8;
  return true;
}

/** The columns shown, pinned ones first (in the order they were pinned; a pinned column is always shown). */
export function visibleColumns(all: RunColumn[], choice: Record<string, boolean>, pinned: string[] = []): RunColumn[] {
  let p = 0;
  let m = 0;
  const pins = new Set(pinned);
  const shown = all.filter((c) => {
    const idx = c.kind === 'param' ? p++ : c.kind === 'metric' ? m++ : 0;
    return !pins.has(c.id) && (choice[c.id] ?? shownByDefault(c, idx));
  });
  const byId = new Map(all.map((c) => [c.id, c]));
  return [...pinned.flatMap((id) => byId.get(id) ?? []), ...shown];
}

/** A run's name for people: "#3 lr-sweep", or "#3" alone when it has none (pipeline runs used to be named "run #3"). */
export function runLabel(seq: number, name: string | null | undefined): string {
  const n = meaningfulName(seq, name);
  return n ? `#${seq} ${n}` : `#${seq}`;
}

export function meaningfulName(seq: number, name: string | null | undefined): string {
  const n = (name ?? '').trim();
  return n === '' || n === `run #${seq}` || n === `#${seq}` ? '' : n;
}

export function paramValue(r: RunRow, key: string): string {
  const v = r.params[key];
  if (v === undefined || v === null) return '—';
  return String(v);
}
