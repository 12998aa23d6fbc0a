import { useEffect, useRef } from 'react';
import { create } from 'zustand';
import type { OpInput, OpName, OpOutput } from '../../shared/contract/index.js';
import { api } from '../api/client';

export interface ViewState<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  /** the domain changed since: shown until the re-read lands */
  stale?: boolean;
}

interface Entry extends ViewState<unknown> {
  name: OpName;
  input: unknown;
}

interface ViewCacheState {
  views: Record<string, Entry>;
}

/**
 * A domain store's cache of what its pages show, one entry per read operation and input, for
 * pages that need data by key (a version, a file, a diff) rather than one list. A domain makes
 * one (`createViewCache<'datasets:tree' | …>()`), invalidates it from its events, and its pages
 * read through `useView`. Bounded: the oldest entries go first.
 */
export function createViewCache<Op extends OpName>(keep = 40) {
  const store = create<ViewCacheState>(() => ({ views: {} }));
  const keyOf = (name: Op, input: unknown) => `${name}|${JSON.stringify(input)}`;
  const put = (key: string, e: Entry) =>
    store.setState((s) => {
      const views = { ...s.views };
      delete views[key];
      const keys = Object.keys(views);
      for (const old of keys.slice(0, Math.max(0, keys.length - keep + 1))) delete views[old];
      return { views: { ...views, [key]: e } };
    });

  async function load<K extends Op>(name: K, input: OpInput<K>): Promise<void> {
    const key = keyOf(name, input);
    const prev = store.getState().views[key];
    put(key, { name, input, data: prev?.data ?? null, error: null, loading: true, stale: prev?.stale });
    try {
      put(key, { name, input, data: await api.invoke(name, input), error: null, loading: false });
    } catch (error) {
      put(key, { name, input, data: null, error, loading: false });
    }
  }

  /** Marks entries stale; pages showing them re-read, keeping the old data on screen meanwhile. */
  function invalidate(match: (name: Op, input: OpInput<Op>) => boolean = () => true): void {
    const views = Object.fromEntries(
      Object.entries(store.getState().views).map(([k, v]) => [k, match(v.name as Op, v.input as OpInput<Op>) ? { ...v, stale: true } : v]),
    );
    store.setState({ views });
  }

  function reset(): void {
    store.setState({ views: {} });
  }

  /**
   * A page's data: asked for when its input changes (compared as JSON) or goes stale; the
   * previous data stays on screen until the new one arrives, so the page does not jump.
   * `null` input: nothing. `ownOnly`: never show another input's data meanwhile (a file's
   * statistics must not stand under the next file's name while that one loads).
   */
  function useView<K extends Op>(name: K, input: OpInput<K> | null, opts: { ownOnly?: boolean } = {}): ViewState<OpOutput<K>> {
    const key = input === null ? null : keyOf(name, input);
    const entry = store((s) => (key === null ? undefined : s.views[key])) as ViewState<OpOutput<K>> | undefined;
    const shownRef = useRef<OpOutput<K> | null>(null);
    const shownKey = useRef<string | null>(null);
    const needed = key !== null && (!entry || (!!entry.stale && !entry.loading));
    useEffect(() => {
      if (needed && input !== null) void load(name, input);
      // input is covered by key
    }, [key, needed]);
    if (entry?.data) {
      shownRef.current = entry.data;
      shownKey.current = key;
    }
    const shown = { current: opts.ownOnly && shownKey.current !== key ? null : shownRef.current };
    if (key === null) return { data: null, error: null, loading: false };
    if (!entry) return { data: shown.current, error: null, loading: true };
    return { data: entry.error ? null : (entry.data ?? shown.current), error: entry.error, loading: entry.loading, stale: entry.stale };
  }

  return { load, invalidate, reset, useView };
}
