// The issue's speed and size targets, one row each: every bench script records the rows it measures
// here, and `npm run bench` (scripts/bench-all.mjs) prints them together at the end, with met/missed.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';

/**
 * Records one target row (appended as a JSON line to $KILN_BENCH_TARGETS when set) and prints it.
 * `value`: the measured figure as text; `met`: whether it meets `target`.
 */
export function recordTarget(row) {
  const line = { measure: row.measure, value: row.value, target: row.target, met: !!row.met, detail: row.detail ?? '' };
  if (process.env.KILN_BENCH_TARGETS) appendFileSync(process.env.KILN_BENCH_TARGETS, `${JSON.stringify(line)}\n`);
  console.log(`TARGET ${line.met ? 'met   ' : 'MISSED'} ${line.measure}: ${line.value} (target ${line.target})${line.detail ? `; ${line.detail}` : ''}`);
}

export function readTargets(file) {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

export const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
