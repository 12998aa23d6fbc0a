import { test, expect } from './fixtures/test.js';
import { ShellPage } from './pages/shell-page.js';
import { RunsPage } from './pages/runs-page.js';
import { seedRuns } from './seed-runs.js';
import type { Locator, Page } from '@playwright/test';

// Issue 10, item 6: charts have axis titles, whole-number step ticks and a hover tooltip with every series' value.

async function hoverAt(page: Page, chart: Locator, fx: number): Promise<void> {
  const over = chart.locator('.u-over');
  await over.scrollIntoViewIfNeeded();
  // uPlot re-reads the plot's position on the scroll event, which lands a frame later
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const box = (await over.boundingBox())!;
  await page.mouse.move(box.x + box.width * fx, box.y + box.height / 2, { steps: 4 });
}

test('run and compare charts: axis titles, integer step ticks, a tooltip listing every run at the nearest step', async ({ page, kiln }, testInfo) => {
  await seedRuns(kiln.workspace, kiln.home, 3);
  const shell = new ShellPage(page);
  await shell.open(kiln.url);
  await shell.go('Runs');
  const runs = new RunsPage(page);
  await expect(runs.rows()).toHaveCount(3);

  // one run: its accuracy chart (steps 1 and 2 only: a default axis would tick at 1.2, 1.4, …)
  await runs.row('sweep-2').click();
  const one = runs.chart('accuracy');
  await expect(one.getByTestId('x-axis-title')).toHaveText('step');
  await expect(one.getByTestId('y-axis-title')).toHaveText('accuracy');
  await expect(one).toHaveAttribute('data-x-ticks', '1,2');
  await hoverAt(page, one, 0.95);
  const tip1 = one.getByRole('tooltip');
  await expect(tip1).toBeVisible();
  await expect(tip1).toContainText('step 2');
  await expect(tip1).toContainText('0.8267');
  await testInfo.attach('run chart: axis titles and tooltip', { body: await page.screenshot(), contentType: 'image/png' });

  // two runs compared: the tooltip lists both at the step nearest the cursor
  await page.getByRole('button', { name: 'All runs' }).click();
  await runs.select(0);
  await runs.select(1);
  await page.getByRole('button', { name: /^Compare 2$/ }).click();
  const both = runs.chart('accuracy');
  await expect(both.getByTestId('x-axis-title')).toHaveText('step');
  await expect(both.getByTestId('y-axis-title')).toHaveText('accuracy');
  await expect(both).toHaveAttribute('data-x-ticks', '1,2');
  await hoverAt(page, both, 0.1);
  const tip = both.getByRole('tooltip');
  await expect(tip).toBeVisible();
  await expect(tip).toContainText('step 1');
  await expect(tip.locator('.kc-tooltip-row')).toHaveCount(2);
  // step 1 is accuracy − 0.1: 0.7267 for sweep-2, 0.5633 for sweep-1
  await expect(tip).toContainText('sweep-2');
  await expect(tip).toContainText('0.7267');
  await expect(tip).toContainText('sweep-1');
  await expect(tip).toContainText('0.5633');
  await testInfo.attach('compare chart: tooltip with both runs', { body: await page.screenshot(), contentType: 'image/png' });

  // leaving the plot hides it
  await page.mouse.move(5, 5);
  await expect(tip).toBeHidden();
});
