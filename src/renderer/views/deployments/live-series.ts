import type { DeploymentStats } from '../../../shared/contract/index.js';
import { histogramQuantile } from '../../../shared/histogram.js';

/** One point of the live charts, derived from two consecutive scrapes of cumulative counters. */
export interface LivePoint {
  /** Unix ms of the later scrape */
  t: number;
  /** requests per second over the interval */
  rate: number;
  /** seconds; null when no request arrived in the interval */
  p50: number | null;
  p95: number | null;
  /** failed requests / requests over the interval (0..1); null when none arrived */
  errorRate: number | null;
}

// JSON carries the +Inf bucket bound as null
const bound = (b: number | null) => (b === null ? Infinity : b);

/** The histogram of what arrived between two scrapes; a counter that went down (replica restarted) counts from zero. */
function deltaBuckets(prev: DeploymentStats, cur: DeploymentStats, reset: boolean): [number, number][] {
  const before = new Map(prev.buckets.map(([b, c]) => [bound(b), c]));
  return cur.buckets.map(([b, c]) => [bound(b), reset ? c : Math.max(0, c - (before.get(bound(b)) ?? 0))]);
}

export function livePoint(prev: DeploymentStats, cur: DeploymentStats): LivePoint | null {
  const dt = (cur.at - prev.at) / 1000;
  if (dt <= 0 || cur.scrapeError || prev.scrapeError) return null;
  const reset = cur.requests < prev.requests;
  const requests = reset ? cur.requests : cur.requests - prev.requests;
  const errors = reset || cur.errors < prev.errors ? cur.errors : cur.errors - prev.errors;
  const buckets = deltaBuckets(prev, cur, reset);
  return {
    t: cur.at,
    rate: requests / dt,
    p50: requests ? histogramQuantile(0.5, buckets) : null,
    p95: requests ? histogramQuantile(0.95, buckets) : null,
    errorRate: requests ? Math.min(1, errors / requests) : null,
  };
}

/** Points for every consecutive pair of scrapes that both succeeded. */
export function liveSeries(samples: readonly DeploymentStats[]): LivePoint[] {
  const out: LivePoint[] = [];
  for (let i = 1; i < samples.length; i++) {
    const p = livePoint(samples[i - 1]!, samples[i]!);
    if (p) out.push(p);
  }
  return out;
}
