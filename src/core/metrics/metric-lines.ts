import type { MetricPoint, ParsedMetricLines } from './metrics-api.js';

/** How many bad lines a parse keeps with their reason (all are counted). */
export const MAX_LINE_ERRORS = 100;

/**
 * What a caller keeps across calls when it parses one file in chunks, so a metric that gets
 * numbers in one chunk and strings in another is still reported as a mix.
 */
export interface MetricLineState {
  /** metric name → line of its first numeric value */
  numeric: Map<string, number>;
  /** metric name → line of its first non-numeric string value */
  strings: Map<string, number>;
}

export function newMetricLineState(): MetricLineState {
  return { numeric: new Map(), strings: new Map() };
}

// JSON has no NaN or Infinity: loggers write them as these strings (or null, for NaN).
const SPECIAL: Record<string, number> = {
  NaN: NaN,
  nan: NaN,
  Infinity: Infinity,
  '+Infinity': Infinity,
  inf: Infinity,
  '-Infinity': -Infinity,
  '-inf': -Infinity,
};

// Wall times below this are taken as Unix seconds (Python's time.time()), above as milliseconds.
const SECONDS_LIMIT = 1e11;

/**
 * Parses metric-protocol lines: `{"metric":"loss","step":3,"value":0.12}` with an optional `"ts"`
 * (Unix seconds or ms; now when absent). A bad line is counted and explained, never fatal:
 * training must not die because one line was torn. `firstLine` is the 1-based number of the
 * first line of `text`, so reasons name the line in the file.
 */
export function parseMetricLines(text: string, firstLine: number, state: MetricLineState = newMetricLineState()): ParsedMetricLines {
  const points: MetricPoint[] = [];
  const errors: { line: number; reason: string }[] = [];
  let malformed = 0;
  scanMetricLines(
    text,
    firstLine,
    state,
    (metric, step, value, ts) => void points.push({ metric, step, value, ts }),
    (line, reason) => {
      malformed++;
      if (errors.length < MAX_LINE_ERRORS) errors.push({ line, reason });
    },
  );
  return { points, malformed, errors };
}

export type OnPoint = (metric: string, step: number, value: number, ts: number) => void;

/**
 * The streaming form: each point goes to `onPoint` as numbers (no object per point, which is
 * what lets an import of a million lines run without the garbage collector dominating), each
 * bad line to `onBad`. Returns how many lines `text` held.
 */
export function scanMetricLines(
  text: string,
  firstLine: number,
  state: MetricLineState,
  onPoint: OnPoint,
  onBad: (line: number, reason: string) => void,
): number {
  const now = Date.now();
  let start = 0;
  let lineNo = firstLine;
  const len = text.length;
  while (start <= len) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = len;
    let stop = end;
    if (stop > start && text.charCodeAt(stop - 1) === 13) stop--; // CRLF
    if (stop > start) {
      const raw = text.slice(start, stop);
      const why = parseOne(raw, lineNo, now, state, onPoint);
      if (why !== null && raw.trim() !== '') onBad(lineNo, why);
    }
    start = end + 1;
    lineNo++;
  }
  return lineNo - firstLine;
}

// The shape loggers write (ours, json.dumps, JSON.stringify): matched without building an object,
// about twice as fast as JSON.parse; anything else takes the general path below.
const NUM = String.raw`-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?`;
const CANONICAL = new RegExp(
  String.raw`^\{\s*"metric"\s*:\s*"([^"\\]{1,200})"\s*,\s*"step"\s*:\s*(${NUM})\s*,\s*"value"\s*:\s*(${NUM})\s*(?:,\s*"ts"\s*:\s*(${NUM})\s*)?\}$`,
);

/** null when the point went to onPoint, else why the line is bad */
function parseOne(raw: string, line: number, now: number, state: MetricLineState, onPoint: OnPoint): string | null {
  const c = CANONICAL.exec(raw);
  if (c) {
    const step = Number(c[2]);
    if (Number.isFinite(step)) {
      const metric = c[1]!;
      if (!state.numeric.has(metric)) state.numeric.set(metric, line);
      onPoint(metric, step, Number(c[3]), wallTime(c[4] === undefined ? undefined : Number(c[4]), now));
      return null;
    }
  }
  let o: unknown;
  try {
    o = JSON.parse(raw);
  } catch {
    return `not valid JSON: ${clip(raw)}`;
  }
  if (o === null || typeof o !== 'object' || Array.isArray(o)) return `expected a JSON object like {"metric":"loss","step":1,"value":0.5}, got ${clip(raw)}`;
  const rec = o as Record<string, unknown>;
  const metric = rec.metric;
  if (typeof metric !== 'string' || metric === '') return `"metric" must be a non-empty string`;
  if (metric.length > 200) return `"metric" is longer than 200 characters`;
  const step = rec.step;
  if (typeof step !== 'number' || !Number.isFinite(step))
    return `metric "${metric}": "step" must be a finite number, got ${clip(JSON.stringify(step) ?? 'nothing')}`;

  let value: number;
  const v = rec.value;
  if (typeof v === 'number') value = v;
  else if (v === null) value = NaN;
  else if (typeof v === 'string' && v in SPECIAL) value = SPECIAL[v]!;
  else if (typeof v === 'string') {
    if (!state.strings.has(metric)) state.strings.set(metric, line);
    const firstNum = state.numeric.get(metric);
    return firstNum !== undefined
      ? `metric "${metric}" mixes numbers and strings: value ${clip(JSON.stringify(v))} here, a number on line ${firstNum}; log strings under another metric name`
      : `metric "${metric}": value ${clip(JSON.stringify(v))} is a string; metric values must be numbers (NaN/Infinity may be written as "NaN", "Infinity", "-Infinity")`;
  } else if (v === undefined) return `metric "${metric}": "value" is missing`;
  else return `metric "${metric}": "value" must be a number, got ${clip(JSON.stringify(v))}`;

  if (!state.numeric.has(metric)) state.numeric.set(metric, line);
  onPoint(metric, step, value, wallTime(rec.ts, now));
  return null;
}

function wallTime(ts: unknown, now: number): number {
  if (typeof ts !== 'number' || !Number.isFinite(ts) || ts <= 0) return now;
  return ts < SECONDS_LIMIT ? ts * 1000 : ts;
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
