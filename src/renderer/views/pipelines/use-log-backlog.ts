import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { logHub } from './log-hub';

const PAGE = 50_000;

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
    (async () => {
      let offset = 0;
      for (;;) {
        const page = await api.invoke('pipelines:logs', { runId, stage, offset, limit: PAGE });
        if (stop) return;
        // a live batch may have arrived meanwhile: the file holds it too, so start over clean
        if (offset === 0) logHub.ring(runId, stage).clear();
        if (page.lines.length) logHub.append(runId, stage, page.lines);
        offset = page.nextOffset;
        if (page.eof || page.lines.length === 0) break;
      }
      setState({ loading: false, error: null });
    })().catch((e: unknown) => !stop && setState({ loading: false, error: e }));
    return () => {
      stop = true;
    };
  }, [runId, stage]);
  return state;
}
