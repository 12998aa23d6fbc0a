import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { RunCompareResult } from '../../../shared/contract/index.js';
import { useMetrics } from '../../stores/metrics';

/** The comparison from core, re-asked when the baseline changes or a compared run logs new points. */
export function useCompare(runIds: string[], baseline: string | undefined): { data: RunCompareResult | null; error: unknown; tick: number } {
  const [state, setState] = useState<{ data: RunCompareResult | null; error: unknown }>({ data: null, error: null });
  const tick = useMetrics((m) => runIds.reduce((a, id) => a + (m.liveTick[id] ?? 0), 0));
  const key = runIds.join(',');
  useEffect(() => {
    useMetrics.getState().follow();
    let stop = false;
    api.invoke('runs:compare', { runIds, baseline }).then(
      (data) => !stop && setState({ data, error: null }),
      (error: unknown) => !stop && setState({ data: null, error }),
    );
    return () => {
      stop = true;
    };
    // runIds is covered by key
  }, [key, baseline, tick]);
  return { ...state, tick };
}
