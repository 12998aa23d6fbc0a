import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const TIMINGS = 'test-results/ui-timings.json';

/** Merges UI figures measured in Chromium into test-results/ui-timings.json. */
export function recordTimings(figures: Record<string, number>): void {
  mkdirSync(dirname(TIMINGS), { recursive: true });
  const prev = existsSync(TIMINGS) ? (JSON.parse(readFileSync(TIMINGS, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(TIMINGS, JSON.stringify({ ...prev, ...figures, measuredAt: new Date().toISOString(), browser: 'Debian Chromium (headless)' }, null, 2) + '\n');
}
