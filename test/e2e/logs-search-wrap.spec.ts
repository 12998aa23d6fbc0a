import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures/test.js';
import { ShellPage } from './pages/shell-page.js';
import { RunsPage } from './pages/runs-page.js';
import { PipelinesPage } from './pages/pipelines-page.js';
import { busyboxImage } from '../helpers/test-images.js';

// Issue 10, item 11: logs have search with next/previous, a wrap toggle and a download of the whole
// log; the durations of a running run and stage tick.

const spec = (image: string) => `stages:
  train:
    image: ${image}
    cmd: sh -c 'for i in $(seq 1 300); do echo "line $i"; if [ $((i % 50)) -eq 0 ]; then echo "ERROR at $i"; fi; done; echo "LONG $(seq -s x 1 200)"; sleep 12'
    outputs: []
`;

test('a running run ticks; its log searches with next/previous, wraps, and downloads whole', async ({ page, kiln }, testInfo) => {
  test.setTimeout(240_000);
  writeFileSync(join(kiln.workspace, 'kiln.yaml'), spec(await busyboxImage()));
  const shell = new ShellPage(page);
  await shell.open(kiln.url);
  // started from the app, so the server sees it end (a CLI run in another process is not followed live)
  await shell.go('Pipelines');
  const pipelines = new PipelinesPage(page);
  await expect(pipelines.stage('train')).toBeVisible();
  await pipelines.runButton.click();
  await shell.go('Runs');
  const runs = new RunsPage(page);
  await expect(runs.rows()).toHaveCount(1, { timeout: 60_000 });
  await runs.rows().first().click();

  // live durations: the stage's and the run's move on while it runs
  const stageDuration = page.getByTestId('run-stage-train').getByTestId('stage-duration');
  await expect(stageDuration.locator('[data-live]')).toBeVisible({ timeout: 60_000 });
  const before = await stageDuration.innerText();
  const runBefore = await page.getByTestId('run-duration').innerText();
  await expect.poll(() => stageDuration.innerText(), { timeout: 5_000 }).not.toBe(before);
  await expect.poll(() => page.getByTestId('run-duration').innerText(), { timeout: 5_000 }).not.toBe(runBefore);
  await testInfo.attach('running: durations tick', { body: await page.screenshot(), contentType: 'image/png' });

  await expect(page.getByTestId('run-page').locator('.kr-header')).toContainText('done', { timeout: 90_000 });
  const log = page.getByRole('log', { name: 'log of train' });
  await expect(log).toContainText('LONG 1x2x3', { timeout: 30_000 });
  await expect(stageDuration.locator('[data-live]')).toHaveCount(0);

  // search: every match counted, Enter / Shift+Enter step through them (and wrap around)
  const search = page.getByLabel('Search the log');
  const count = page.getByTestId('log-match-count');
  // the placeholder is short enough to show whole; the keys are on hover and next to the count
  await expect(search).toHaveAttribute('placeholder', 'Search the log');
  await expect(search).toHaveAttribute('title', /Enter: next.*Shift\+Enter: previous/);
  const fits = await search.evaluate((el: HTMLInputElement) => {
    const css = getComputedStyle(el);
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.font = `${css.fontStyle} ${css.fontWeight} ${css.fontSize} ${css.fontFamily}`;
    const room = el.clientWidth - parseFloat(css.paddingLeft) - parseFloat(css.paddingRight);
    return { text: ctx.measureText(el.placeholder).width, room };
  });
  expect(fits.text).toBeLessThanOrEqual(fits.room);
  const hint = page.getByTestId('log-search-hint');
  await expect(hint).toHaveCount(0);
  await search.fill('error at');
  await expect(count).toHaveText('1 of 6');
  await expect(hint).toHaveText('Enter next · Shift+Enter previous');
  await expect(hint).toBeInViewport({ ratio: 1 });
  await page.getByRole('toolbar', { name: 'log tools of train' }).screenshot({ path: testInfo.outputPath('log-tools.png') });
  const hintBox = (await hint.boundingBox())!;
  const tools = (await page.getByRole('toolbar', { name: 'log tools of train' }).boundingBox())!;
  expect(hintBox.x + hintBox.width).toBeLessThanOrEqual(tools.x + tools.width);
  expect(await hint.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await expect(log.locator('.kp-mark-current')).toHaveText('ERROR at');
  await expect(log.locator('.kp-line, .kp-log-line').filter({ has: page.locator('.kp-mark-current') })).toHaveText('ERROR at 50');
  await search.press('Enter');
  await expect(count).toHaveText('2 of 6');
  await expect(log.locator('.kp-log-line').filter({ has: page.locator('.kp-mark-current') })).toHaveText('ERROR at 100');
  await search.press('Shift+Enter');
  await search.press('Shift+Enter');
  await expect(count).toHaveText('6 of 6');
  await expect(log.locator('.kp-log-line').filter({ has: page.locator('.kp-mark-current') })).toHaveText('ERROR at 300');
  await page.getByRole('button', { name: 'Next match' }).click();
  await expect(count).toHaveText('1 of 6');
  await testInfo.attach('log search: 1 of 6', { body: await page.screenshot(), contentType: 'image/png' });
  await search.fill('no such text');
  await expect(count).toHaveText('no matches');
  await expect(hint).toHaveCount(0);
  await search.fill('');

  // wrap: the long line takes several rows and fits the width; off, it is one row
  const long = log.locator('.kp-log-line', { hasText: 'LONG 1x2x3' });
  await log.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(long).toBeVisible();
  expect((await long.boundingBox())!.height).toBe(18);
  await page.getByLabel('wrap').check();
  await expect.poll(async () => (await long.boundingBox())!.height).toBeGreaterThan(18 * 2);
  const logBox = (await log.boundingBox())!;
  const longBox = (await long.boundingBox())!;
  expect(longBox.x + longBox.width).toBeLessThanOrEqual(logBox.x + logBox.width + 1);
  await expect(long).toContainText('x199x200');
  await testInfo.attach('log wrapped', { body: await page.screenshot(), contentType: 'image/png' });

  // download: the whole file, including the first lines that are not on screen
  await expect(log.locator('.kp-log-line', { hasText: /^line 1$/ })).toHaveCount(0);
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the log' }).click()]);
  const text = readFileSync((await file.path())!, 'utf8');
  expect(file.suggestedFilename()).toMatch(/train\.log$/);
  const lines = text.split('\n');
  expect(lines).toContain('line 1');
  expect(lines).toContain('line 300');
  expect(lines.filter((l) => l.startsWith('ERROR at'))).toHaveLength(6);
  expect(lines.filter((l) => /^line \d+$/.test(l))).toHaveLength(300);
});
