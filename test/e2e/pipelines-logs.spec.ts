import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures/test.js';
import { ShellPage } from './pages/shell-page.js';
import { PipelinesPage } from './pages/pipelines-page.js';
import { busyboxImage } from '../helpers/test-images.js';
import { recordTimings } from './ui-timings.js';

// a trace records screencast frames, which would slow the very frames this measures
test.use({ trace: 'off' });

test('the live log keeps up with a stage printing as fast as it can, without losing a line', async ({ page, kiln }) => {
  test.setTimeout(300_000);
  const LINES = 300_000;
  writeFileSync(join(kiln.workspace, 'kiln.yaml'), `stages:\n  spam:\n    image: ${await busyboxImage()}\n    cmd: sh -c 'seq 1 ${LINES}'\n    outputs: []\n`);
  const shell = new ShellPage(page);
  await shell.open(kiln.url);
  await shell.go('Pipelines');
  const p = new PipelinesPage(page);
  await expect(p.stage('spam')).toBeVisible();
  // watch every frame: how many lines the log holds, and how long each frame took
  await page.evaluate((target) => {
    const w = window as unknown as { logWatch: { frames: number[]; firstAt: number; lastAt: number; lines: number } };
    w.logWatch = { frames: [], firstAt: 0, lastAt: 0, lines: 0 };
    let prev = performance.now();
    const tick = (t: number) => {
      const el = document.querySelector<HTMLElement>('.kp-log');
      const n = Number(el?.dataset.lines ?? 0);
      if (n > 0 && !w.logWatch.firstAt) w.logWatch.firstAt = t;
      if (n > w.logWatch.lines) {
        w.logWatch.lines = n;
        w.logWatch.lastAt = t;
      }
      // frames while lines are arriving: [time, length]
      if (w.logWatch.firstAt && n < target) w.logWatch.frames.push(t - prev);
      prev = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }, LINES);
  await p.runButton.click();
  await p.expectRun('done', 240_000);
  await expect(p.log).toContainText(String(LINES), { timeout: 30_000 });
  const w = await page.evaluate(() => (window as unknown as { logWatch: { frames: number[]; firstAt: number; lastAt: number; lines: number } }).logWatch);
  // every line arrived (plus kiln's own status lines)
  expect(w.lines).toBeGreaterThanOrEqual(LINES);
  const sorted = [...w.frames].sort((a, b) => a - b);
  const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? 0;
  const max = sorted[sorted.length - 1] ?? 0;
  const rate = Math.round(w.lines / Math.max(0.001, (w.lastAt - w.firstAt) / 1000));
  console.log(
    `UI log stream (Chromium): ${w.lines} lines in ${Math.round(w.lastAt - w.firstAt)} ms = ${rate} lines/s shown; frame p50 ${(sorted[Math.floor(sorted.length / 2)] ?? 0).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${max.toFixed(1)} ms over ${sorted.length} frames`,
  );
  recordTimings({ logLinesShown: w.lines, logLinesPerSecondShown: rate, logFrameP95Ms: Math.round(p95 * 10) / 10, logFrameMaxMs: Math.round(max * 10) / 10 });
  // the DOM holds a screenful, not 300,000 lines
  expect(await page.locator('.kp-log-line').count()).toBeLessThan(200);
});
