import { useEffect, useRef, useState } from 'react';
import { useMetrics } from '../stores/metrics';
import type { MetricSeries } from '../../shared/contract/index.js';

export interface SeriesQuery {
  runIds: string[];
  metric: string;
  xAxis: 'step' | 'time';
  /** null: the whole metric */
  range: [number, number] | null;
  /** plot width in pixels: one bucket per pixel column */
  width: number;
  /** changes when new points were stored, to re-query */
  tick: number;
}

/**
 * Asks core for each run's series reduced to the chart's width over the visible range. Answers
 * older than the one on screen are dropped, so fast zooming never goes back to an old range.
 */
export function useSeries(q: SeriesQuery): { series: (MetricSeries | null)[] | null; error: unknown; loading: boolean } {
  const [state, setState] = useState<{ series: (MetricSeries | null)[] | null; error: unknown; loading: boolean }>({
    series: null,
    error: null,
    loading: true,
  });
  const seq = useRef(0);
  const shown = useRef(0);
  const key = JSON.stringify(q);
  useEffect(() => {
    if (q.width <= 0) return;
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    Promise.all(
      q.runIds.map((runId) =>
        useMetrics
          .getState()
          .series({
            runId,
            metric: q.metric,
            x: q.xAxis,
            width: Math.min(20_000, Math.max(1, Math.round(q.width))),
            ...(q.range ? { xMin: q.range[0], xMax: q.range[1] } : {}),
          })
          // in a comparison a run may lack the metric: leave it out rather than fail the chart
          .catch((e: unknown) => (q.runIds.length > 1 ? null : Promise.reject(e))),
      ),
    ).then(
      (series) => {
        // draw any answer newer than what is on screen (a slightly wider one may follow), never an older one
        if (mine <= shown.current) return;
        shown.current = mine;
        setState({ series, error: null, loading: mine !== seq.current });
      },
      (error: unknown) => mine === seq.current && setState({ series: null, error, loading: false }),
    );
    // the key covers every field of q
  }, [key]);
  return state;
}
