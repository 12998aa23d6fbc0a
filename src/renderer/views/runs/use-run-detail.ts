import { useCallback, useEffect } from 'react';
import { useRunDetails, type RunDetailEntry } from '../../stores/run-detail';
import { useMetrics } from '../../stores/metrics';

const EMPTY: RunDetailEntry = { detail: null, metrics: [], error: null };

/**
 * One run and its metrics from the run-detail store, kept current while it runs: the store
 * re-reads it on `runs:changed`/`runs:status`, and new points (`metrics:appended`, debounced in
 * the metrics store) re-read the metric list.
 */
export function useRunDetail(runId: string): RunDetailEntry & { reload(): void; tick: number } {
  const entry = useRunDetails((s) => s.byId[runId]) ?? EMPTY;
  const tick = useMetrics((m) => m.liveTick[runId] ?? 0);
  const reload = useCallback(() => void useRunDetails.getState().load(runId), [runId]);
  useEffect(() => {
    useMetrics.getState().follow();
    reload();
  }, [reload]);
  useEffect(() => {
    if (tick) reload();
  }, [tick, reload]);
  return { ...entry, reload, tick };
}
