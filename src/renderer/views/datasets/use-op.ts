import { useEffect, useState } from 'react';
import type { OpInput, OpName, OpOutput } from '../../../shared/contract/index.js';
import { api } from '../../api/client';

export interface OpState<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
}

/**
 * Calls an operation whenever its input (compared as JSON) changes, keeping the previous data
 * on screen until the new one arrives so the page does not jump. `null` input: do nothing.
 * A changed `tick` calls it again with the same input (a refresh after a change event).
 */
export function useOp<K extends OpName>(name: K, input: OpInput<K> | null, tick = 0): OpState<OpOutput<K>> {
  const key = input === null ? null : JSON.stringify(input);
  const [state, setState] = useState<OpState<OpOutput<K>>>({ data: null, error: null, loading: input !== null });
  useEffect(() => {
    if (key === null) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    api.invoke(name, JSON.parse(key) as OpInput<K>).then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error: unknown) => live && setState({ data: null, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [name, key, tick]);
  return state;
}
