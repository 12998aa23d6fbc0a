// Kiln metric logging for Node stages: appends one JSON line per point to the file named by
// $KILN_METRICS, which Kiln tails while the stage runs. No dependencies; safe to copy.
//   import { logMetric } from './kiln-metrics.mjs';
//   logMetric('loss', 0.12, 3);
import { appendFileSync } from 'node:fs';

const file = process.env.KILN_METRICS;
let warned = false;
const fallbackStep = new Map();

/** Logs `value` of `metric` at `step` (default: one more than the last step of that metric). */
export function logMetric(metric, value, step) {
  if (typeof metric !== 'string' || !metric) throw new TypeError('metric name must be a non-empty string');
  const s = step ?? (fallbackStep.get(metric) ?? -1) + 1;
  fallbackStep.set(metric, s);
  // JSON has no NaN/Infinity: Kiln reads them back from these strings
  const v = Number.isFinite(value) ? value : String(value);
  const line = `${JSON.stringify({ metric, step: s, value: v, ts: Date.now() })}\n`;
  if (!file) {
    if (!warned) process.stderr.write('kiln-metrics: $KILN_METRICS is not set (not running under Kiln); metrics go to stdout\n');
    warned = true;
    process.stdout.write(line);
    return;
  }
  appendFileSync(file, line);
}

/** Logs several metrics at one step: logMetrics({ loss: 0.1, acc: 0.9 }, 3). */
export function logMetrics(values, step) {
  for (const [k, v] of Object.entries(values)) logMetric(k, v, step);
}
