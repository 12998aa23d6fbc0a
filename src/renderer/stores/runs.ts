import { create } from 'zustand';
import { api } from '../api/client';
import type { ErrorData, RunRow } from '../../shared/contract/index.js';
import { toErrorData } from '../../shared/contract/errors.js';

export interface SortSpec {
  column: string;
  dir: 'asc' | 'desc';
}

/** Rows come in pages, asked for as the table scrolls: 10,000 runs never travel at once. */
export const PAGE = 100;

interface RunsState {
  sort: SortSpec | null;
  filter: string;
  filterError: ErrorData | null;
  total: number;
  /** page index → rows; `pagesVersion` changes whenever a page lands */
  pages: Map<number, RunRow[]>;
  pagesVersion: number;
  paramColumns: string[];
  metricColumns: string[];
  tagValues: string[];
  /** columns kept at the left while scrolling sideways, in order */
  pinned: string[];
  pinColumn(id: string, pinned: boolean): void;
  loaded: boolean;
  error: ErrorData | null;
  selection: string[];
  /** column id → shown, where the user chose; others follow the defaults */
  columnChoice: Record<string, boolean>;
  load(): Promise<void>;
  ensureRows(first: number, last: number): void;
  row(i: number): RunRow | undefined;
  setSort(s: SortSpec | null): void;
  setFilter(f: string): void;
  toggleSelected(id: string): void;
  setSelection(ids: string[]): void;
  chooseColumn(id: string, shown: boolean): void;
  remove(ids: string[]): Promise<void>;
}

let gen = 0;
const inFlight = new Set<string>();
let subscribed = false;
let reloadTimer: ReturnType<typeof setTimeout> | undefined;

function loadPinned(): string[] {
  try {
    const v = JSON.parse(localStorage.getItem('kiln.runs.pinned') ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function loadChoice(): Record<string, boolean> {
  try {
    return JSON.parse(localStorage.getItem('kiln.runs.columns') ?? '{}') as Record<string, boolean>;
  } catch {
    return {};
  }
}

export const useRuns = create<RunsState>((set, get) => {
  const fetchPage = async (page: number, g: number) => {
    const key = `${g}:${page}`;
    if (inFlight.has(key)) return;
    inFlight.add(key);
    const { sort, filter } = get();
    try {
      const r = await api.invoke('runs:list', { sort: sort ?? undefined, filter: filter.trim() || undefined, offset: page * PAGE, limit: PAGE });
      if (g !== gen) return;
      const pages = new Map(get().pages);
      pages.set(page, r.runs);
      set({
        pages,
        pagesVersion: get().pagesVersion + 1,
        total: r.total,
        paramColumns: r.paramColumns,
        metricColumns: r.metricColumns,
        tagValues: r.tagValues,
        loaded: true,
        error: null,
        filterError: null,
      });
    } catch (e) {
      if (g !== gen) return;
      const err = toErrorData(e);
      if (err.code === 'FILTER_INVALID') set({ filterError: err, loaded: true });
      else set({ error: err, loaded: true });
    } finally {
      inFlight.delete(key);
    }
  };
  let lastRange: [number, number] = [0, PAGE];

  return {
    sort: { column: 'start', dir: 'desc' },
    filter: '',
    filterError: null,
    total: 0,
    pages: new Map(),
    pagesVersion: 0,
    paramColumns: [],
    metricColumns: [],
    tagValues: [],
    pinned: loadPinned(),
    loaded: false,
    error: null,
    selection: [],
    columnChoice: loadChoice(),

    async load() {
      if (!subscribed) {
        subscribed = true;
        // created, changed or deleted runs: refresh what is on screen, once per burst
        api.on('runs:changed', () => {
          clearTimeout(reloadTimer);
          reloadTimer = setTimeout(() => void get().load(), 300);
        });
      }
      const g = ++gen;
      // keep the old rows on screen until the new ones land, so nothing flashes
      const [a, b] = lastRange;
      const first = Math.floor(a / PAGE);
      const last = Math.max(first, Math.floor(b / PAGE));
      await fetchPage(first, g);
      if (g !== gen) return;
      set({ pages: new Map([[first, get().pages.get(first) ?? []]]) });
      for (let p = first + 1; p <= last; p++) void fetchPage(p, g);
    },

    ensureRows(first, last) {
      lastRange = [first, last];
      const { pages, total } = get();
      // until the first page says how many rows there are, load() is already fetching it
      if (total === 0) return;
      const maxPage = Math.floor((total - 1) / PAGE);
      for (let p = Math.floor(first / PAGE); p <= Math.min(maxPage, Math.floor(last / PAGE)); p++) if (!pages.has(p)) void fetchPage(p, gen);
    },

    row(i) {
      return get().pages.get(Math.floor(i / PAGE))?.[i % PAGE];
    },

    setSort(sort) {
      set({ sort });
      lastRange = [0, PAGE];
      void get().load();
    },

    setFilter(filter) {
      set({ filter });
      lastRange = [0, PAGE];
      void get().load();
    },

    toggleSelected(id) {
      const sel = get().selection;
      set({ selection: sel.includes(id) ? sel.filter((x) => x !== id) : [...sel, id] });
    },

    setSelection(ids) {
      set({ selection: ids });
    },

    pinColumn(id, on) {
      const pinned = on ? [...get().pinned.filter((p) => p !== id), id] : get().pinned.filter((p) => p !== id);
      localStorage.setItem('kiln.runs.pinned', JSON.stringify(pinned));
      set({ pinned });
    },

    chooseColumn(id, shown) {
      const columnChoice = { ...get().columnChoice, [id]: shown };
      localStorage.setItem('kiln.runs.columns', JSON.stringify(columnChoice));
      set({ columnChoice });
    },

    async remove(ids) {
      await api.invoke('runs:delete', { runIds: ids });
      set({ selection: get().selection.filter((x) => !ids.includes(x)) });
      await get().load();
    },
  };
});
