import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test, expect } from './fixtures/test.js';
import { ShellPage } from './pages/shell-page.js';
import { PipelinesPage } from './pages/pipelines-page.js';
import { RunsPage } from './pages/runs-page.js';
import { busyboxImage } from '../helpers/test-images.js';

// Issue 10, item 12: a theme toggle, Delete disabled on a running run, long names at 1100 px.

test('the theme toggle cycles system → light → dark, is kept across reloads and repaints the page', async ({ page, kiln }, testInfo) => {
  await page.emulateMedia({ colorScheme: 'light' });
  const shell = new ShellPage(page);
  await shell.open(kiln.url);
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await expect(shell.theme).toHaveAccessibleName('Theme: System');
  const light = await bg();
  await shell.theme.click();
  await expect(shell.theme).toHaveAccessibleName('Theme: Light');
  await shell.theme.click();
  await expect(shell.theme).toHaveAccessibleName('Theme: Dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await bg()).not.toBe(light);
  await testInfo.attach('dark, chosen', { body: await page.screenshot(), contentType: 'image/png' });
  await page.reload();
  await expect(shell.theme).toHaveAccessibleName('Theme: Dark');
  await shell.theme.click();
  await expect(shell.theme).toHaveAccessibleName('Theme: System');
  expect(await bg()).toBe(light);
});

test('a running run cannot be deleted; long workspace names never push the controls off-screen at 1100 px', async ({ page, kiln }, testInfo) => {
  test.setTimeout(180_000);
  const long = join(dirname(kiln.workspace), `a-very-long-workspace-name-that-goes-on-${'and-on-'.repeat(12)}end`);
  mkdirSync(long);
  const r = await kiln.cli(['init', long]);
  expect(r.code, r.stderr).toBe(0);
  writeFileSync(
    join(long, 'kiln.yaml'),
    `stages:\n  wait-a-while-with-a-long-stage-name-${'x'.repeat(20)}:\n    image: ${await busyboxImage()}\n    cmd: sleep 30\n`,
  );
  await page.setViewportSize({ width: 1100, height: 760 });
  const shell = new ShellPage(page);
  await shell.open(kiln.url);
  await shell.openWorkspace(long);
  await expect(page.locator('.ws-name')).toContainText('a-very-long-workspace-name');
  for (const l of [shell.theme, page.getByRole('button', { name: 'Open the command palette' })]) {
    const box = (await l.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1100);
  }
  await shell.go('Pipelines');
  const p = new PipelinesPage(page);
  await p.runButton.click();
  await p.expectRun('running', 30_000);
  const edit = (await page.getByRole('button', { name: 'Edit kiln.yaml' }).boundingBox())!;
  expect(edit.x + edit.width).toBeLessThanOrEqual(1100);

  await shell.go('Runs');
  const runs = new RunsPage(page);
  await expect(runs.rows()).toHaveCount(1);
  await runs.select(0);
  const del = page.getByRole('button', { name: 'Delete' });
  await expect(del).toBeDisabled();
  await expect(del).toHaveAttribute('title', /cancel it first/);
  await testInfo.attach('1100 px, long names, running run', { body: await page.screenshot(), contentType: 'image/png' });
  const box = (await del.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(1100);
});
