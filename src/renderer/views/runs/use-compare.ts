import { useEffect } from 'react';
import type { RunCompareResult } from '../../../shared/contract/index.js';
import { useRunDetails } from '../../stores/run-detail';
import { useMetrics } from '../../stores/metrics';

/** The comparison from the run-detail store, re-asked when the baseline changes or a compared run logs new points. */
export function useCompare(runIds: string[], baseline: string | undefined): { data: RunCompareResult | null; error: unknown; tick: number } {
  const tick = useMetrics((m) => runIds.reduce((a, id) => a + (m.liveTick[id] ?? 0), 0));
  const key = `${runIds.join(',')}|${baseline ?? ''}`;
  const cur = useRunDetails((s) => s.compare);
  useEffect(() => {
    useMetrics.getState().follow();
    void useRunDetails.getState().loadCompare(runIds, baseline);
    // runIds and baseline are covered by key
  }, [key, tick]);
  // the previous comparison stays on screen until the new one lands, as before
  return { data: cur?.data ?? null, error: cur?.key === key ? cur.error : null, tick };
}
