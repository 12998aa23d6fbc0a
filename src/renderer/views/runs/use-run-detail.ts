import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { MetricInfo, RunDetail } from '../../../shared/contract/index.js';
import { useMetrics } from '../../stores/metrics';

interface State {
  detail: RunDetail | null;
  metrics: MetricInfo[];
  error: unknown;
}

/**
 * One run and its metrics, kept current while it runs: `runs:changed` naming it re-reads the run,
 * and new points (`metrics:appended`, debounced in the metrics store) re-read the metric list.
 */
export function useRunDetail(runId: string): State & { reload(): void; tick: number } {
  const [state, setState] = useState<State>({ detail: null, metrics: [], error: null });
  const tick = useMetrics((m) => m.liveTick[runId] ?? 0);
  const reload = useCallback(() => {
    Promise.all([api.invoke('runs:get', { runId }), api.invoke('metrics:list', { runId })]).then(
      ([detail, metrics]) => setState({ detail, metrics, error: null }),
      (error: unknown) => setState((s) => ({ ...s, error })),
    );
  }, [runId]);
  useEffect(() => {
    useMetrics.getState().follow();
    reload();
    const off1 = api.on('runs:changed', (e) => e.runIds.includes(runId) && reload());
    const off2 = api.on('runs:status', (e) => e.runId === runId && reload());
    return () => {
      off1();
      off2();
    };
  }, [runId, reload]);
  useEffect(() => {
    if (tick) reload();
  }, [tick, reload]);
  return { ...state, reload, tick };
}
