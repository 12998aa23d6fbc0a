import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures/test.js';
import { ShellPage } from './pages/shell-page.js';
import { RunsPage } from './pages/runs-page.js';
import { seedRuns } from './seed-runs.js';
import { busyboxImage } from '../helpers/test-images.js';

// Issue 10, item 10: metrics first, pinned columns, filter-key completion and a placeholder from the
// workspace's real keys, and no "#4 run #4".

test('runs table: metrics before params, a pinned column stays put, the filter completes real keys, unnamed runs read "#4"', async ({
  page,
  kiln,
}, testInfo) => {
  test.setTimeout(180_000);
  // sweep-0..2 (sweep-0 tagged best) and one pipeline run, which core names "run #4"
  await seedRuns(kiln.workspace, kiln.home, 3);
  writeFileSync(
    join(kiln.workspace, 'kiln.yaml'),
    `stages:\n  train:\n    image: ${await busyboxImage()}\n    cmd: sh -c 'echo ok > out/ok'\n    outputs: [out]\n`,
  );
  const r = await kiln.cli(['run', '--no-logs']);
  expect(r.code, r.stderr).toBe(0);

  const shell = new ShellPage(page);
  await shell.open(kiln.url);
  await shell.go('Runs');
  const runs = new RunsPage(page);
  await expect(runs.rows()).toHaveCount(4);

  // no duplicated name: the pipeline run is "#4", the seeded ones "#1 sweep-0"
  const nameCell = (row: ReturnType<RunsPage['rows']>) => row.getByRole('gridcell').nth(1);
  await expect(nameCell(runs.rows().first())).toHaveText('#4');
  await expect(nameCell(runs.row('sweep-0'))).toHaveText('#1 sweep-0');

  // metrics come before params, by default
  const headers = () => runs.table.getByRole('columnheader').allInnerTexts();
  const h = await headers();
  expect(h.indexOf('accuracy')).toBeGreaterThan(h.indexOf('Run'));
  expect(h.indexOf('loss')).toBeLessThan(h.indexOf('batch'));
  expect(h.indexOf('accuracy')).toBeLessThan(h.indexOf('lr'));

  // the chooser lists metrics before params; pinning accuracy puts it first and keeps it there while scrolling sideways
  await page.getByRole('button', { name: 'Columns' }).click();
  const pop = page.getByRole('dialog', { name: 'Choose columns' });
  expect(await pop.locator('h3').allTextContents()).toEqual(['Run', 'Metrics', 'Params']);
  await pop.getByRole('button', { name: 'Pin accuracy' }).click();
  await expect(pop.getByRole('button', { name: 'Unpin accuracy' })).toHaveAttribute('aria-pressed', 'true');
  await testInfo.attach('column chooser with a pinned column', { body: await page.screenshot(), contentType: 'image/png' });
  await page.keyboard.press('Escape');
  expect((await headers())[0]).toBe('accuracy');
  const acc = runs.header('accuracy');
  const status = runs.header('Status');
  const x0 = (await acc.boundingBox())!.x;
  const s0 = (await status.boundingBox())!.x;
  const scrolled = await runs.table.evaluate((el) => {
    el.scrollLeft = el.scrollWidth;
    return el.scrollLeft;
  });
  expect(scrolled).toBeGreaterThan(100);
  await expect.poll(async () => Math.round((await status.boundingBox())!.x)).toBe(Math.round(s0 - scrolled));
  expect((await acc.boundingBox())!.x).toBe(x0);
  const cell = runs.row('sweep-2').getByRole('gridcell').first();
  expect(Math.abs((await cell.boundingBox())!.x - x0)).toBeLessThan(1);
  await testInfo.attach('pinned accuracy while scrolled sideways', { body: await page.screenshot(), contentType: 'image/png' });
  // remembered
  await page.reload();
  await expect(runs.rows()).toHaveCount(4);
  expect((await headers())[0]).toBe('accuracy');

  // the placeholder is built from this workspace's keys; typing completes them
  await expect(runs.filter).toHaveAttribute('placeholder', /metrics\.accuracy > [\d.]+ and params\.batch = \d+/);
  await expect(runs.filter).toHaveAttribute('placeholder', /tag = best/);
  await runs.filter.click();
  await runs.filter.pressSequentially('los');
  const options = page.getByRole('listbox', { name: 'Filter completions' }).getByRole('option');
  await expect(options.first()).toHaveText('metrics.loss');
  await testInfo.attach('filter completion', { body: await page.screenshot(), contentType: 'image/png' });
  await runs.filter.press('Tab');
  await expect(runs.filter).toHaveValue('metrics.loss');
  await runs.filter.pressSequentially(' < 0.3 and ta');
  await expect(options.first()).toHaveText('tag');
  await runs.filter.press('ArrowDown');
  await runs.filter.press('Enter');
  await expect(runs.filter).toHaveValue('metrics.loss < 0.3 and tag');
  await runs.filter.pressSequentially(' != ');
  await expect(options).toHaveText(['best']);
  await runs.filter.press('Tab');
  await expect(runs.filter).toHaveValue('metrics.loss < 0.3 and tag != best');
  await runs.filter.press('Enter');
  // loss < 0.3: sweep-2 (0.1733) only; it is not tagged best
  await runs.expectTotal(1, true);
  await expect(runs.rows()).toHaveCount(1);
  await expect(runs.rows().first()).toContainText('sweep-2');
});
