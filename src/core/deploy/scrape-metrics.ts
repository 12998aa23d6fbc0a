import type { ScrapedStats } from './adapter.js';

export { histogramQuantile } from '../../shared/histogram.js';

/**
 * Reads the serving server's counters out of Prometheus text: requests (all codes), errors,
 * the latency histogram (cumulative buckets) and the served version from `kiln_model_info`.
 */
export function parseServingMetrics(text: string): ScrapedStats {
  let requests = 0;
  let errors = 0;
  let latencySum = 0;
  let servedVersion: string | null = null;
  const buckets = new Map<number, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)/.exec(line);
    if (!m) continue;
    const [, name, , labels = '', raw] = m;
    const v = Number(raw);
    if (name === 'kiln_inference_requests_total') requests += v;
    else if (name === 'kiln_inference_errors_total') errors += v;
    else if (name === 'kiln_inference_duration_seconds_sum') latencySum += v;
    else if (name === 'kiln_inference_duration_seconds_bucket') {
      const le = /le="([^"]+)"/.exec(labels)?.[1];
      const bound = le === '+Inf' ? Infinity : Number(le);
      buckets.set(bound, (buckets.get(bound) ?? 0) + v);
    } else if (name === 'kiln_model_info') servedVersion = /version="([^"]*)"/.exec(labels)?.[1] ?? null;
  }
  return { servedVersion, requests, errors, latencySum, buckets: [...buckets].sort((a, b) => a[0] - b[0]), scrapeError: null };
}
