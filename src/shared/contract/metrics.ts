// Operations and events of the metrics domain: declared here, implemented in src/core/metrics.
import { z } from 'zod';
import { op, event } from './define.js';
import type { MetricSummary } from './runs.js';

export interface MetricInfo {
  metric: string;
  /** stages that logged it */
  stages: string[];
  summary: MetricSummary;
  minStep: number | null;
  maxStep: number | null;
  /** wall time of the first and last point, Unix ms */
  firstTs: number | null;
  lastTs: number | null;
}

/**
 * A series ready to draw, typed arrays (binary on every transport).
 *
 * `x`/`y` is the line to draw, sorted by x (points logged out of order are sorted for display;
 * repeated steps are all kept, in the order written). Non-finite values are NaN in `y`: draw
 * them as gaps (uPlot: map to null).
 *
 * When `raw` is true the range held ≤ `width` points and `x`/`y` are those points (`count` of
 * them), plus, when xMin/xMax were given, the nearest point outside each end, so the line runs
 * to the chart's edges (let the chart clip it). Otherwise
 * each pixel column (bucket) contributes its first, min, max and last point in x order (M4),
 * so the drawn line is pixel-identical to the raw one, and `bucketX`/`yMin`/`yMax` give each
 * bucket's true min and max for bands. Zooming asks again with xMin/xMax.
 */
export interface MetricSeries {
  runId: string;
  metric: string;
  xAxis: 'step' | 'time';
  raw: boolean;
  x: Float64Array;
  y: Float64Array;
  /** reduced only (empty when raw): left edge of each non-empty bucket */
  bucketX: Float64Array;
  yMin: Float64Array;
  yMax: Float64Array;
  /** points in the range, non-finite included */
  count: number;
  nanCount: number;
  infCount: number;
  /** every point of the metric, whatever the range */
  totalCount: number;
  /** the full x extent of the metric (for the zoom reset), null when empty */
  xExtent: [number, number] | null;
  /** the range that was reduced */
  xRange: [number, number] | null;
}

export interface MetricExportPage {
  /** csv: a header line on the first page (no cursor) and one line per point */
  csv?: string;
  rows?: { metric: string; stage: string; step: number; value: number | string; ts: number }[];
  points: number;
  /** pass back to get the next page; null when done */
  nextCursor: string | null;
}

export interface MetricsAppended {
  runId: string;
  stage: string;
  metrics: string[];
  /** points made durable by this flush */
  points: number;
}

const runId = z.string().min(1, 'a run id is required');

export const metricsOps = {
  'metrics:list': op<MetricInfo[]>()(z.object({ runId }).strict()),
  'metrics:series': op<MetricSeries>()(
    z
      .object({
        runId,
        metric: z.string().min(1),
        x: z.enum(['step', 'time']).default('step'),
        xMin: z.number().optional(),
        xMax: z.number().optional(),
        /** chart width in pixels: the number of buckets */
        width: z.number().int().min(1).max(20_000).default(2000),
        /** only this stage's points (default: every stage) */
        stage: z.string().optional(),
      })
      .strict(),
  ),
  /**
   * Every point (not reduced), paged so a million points stream: call again with `nextCursor`.
   * Order: metric by name, then as written. CSV columns: metric,stage,step,value,timestamp
   * (value NaN/Infinity/-Infinity spelled out; timestamp as ISO 8601).
   */
  'metrics:export': op<MetricExportPage>()(
    z
      .object({
        runId,
        metric: z.string().optional(),
        format: z.enum(['csv', 'rows']).default('csv'),
        cursor: z.string().optional(),
        maxPoints: z.number().int().min(1).max(2_000_000).default(200_000),
      })
      .strict(),
  ),
};

export const metricsEvents = {
  /** Points of a running run were stored: live charts ask for the series again (debounced). */
  'metrics:appended': event<MetricsAppended>(),
};
