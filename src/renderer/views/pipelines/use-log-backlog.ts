import { useEffect, useState } from 'react';
import { logHub } from '../../stores/log-hub';

/**
 * Fills a stage's ring from its log file when nothing streamed into it in this window (a run
 * that finished before the view opened, or one started elsewhere). Live lines keep coming from
 * `runs:log`; a stage that is still running has its file read once, then the stream takes over.
 */
export function useLogBacklog(runId: string | null, stage: string | null): { loading: boolean; error: unknown } {
  const [state, setState] = useState<{ loading: boolean; error: unknown }>({ loading: false, error: null });
  useEffect(() => {
    if (!runId || !stage || logHub.has(runId, stage)) return;
    let stop = false;
    setState({ loading: true, error: null });
    logHub
      .loadBacklog(runId, stage, () => stop)
      .then(
        () => !stop && setState({ loading: false, error: null }),
        (e: unknown) => !stop && setState({ loading: false, error: e }),
      );
    return () => {
      stop = true;
    };
  }, [runId, stage]);
  return state;
}
