import { resolve } from 'node:path';
import { test, expect } from './fixtures/test.js';
import { ShellPage } from './pages/shell-page.js';
import { DatasetsPage, throttleUploads } from './pages/datasets-page.js';

const VEGA = resolve('node_modules/vega-datasets/data');

test('an upload shows bytes, rate and ETA, and cancelling it leaves no version', async ({ page, kiln }) => {
  const shell = new ShellPage(page);
  const data = new DatasetsPage(page);
  await shell.open(kiln.url);
  await expect(page.getByText('Drop a folder here to version it')).toBeVisible();
  const unthrottle = await throttleUploads(page, 2 * 1024 * 1024);

  await data.chooseFolder(VEGA);
  await data.addNew('vega', 'never finished');
  const progress = page.getByTestId('ingest-progress');
  await expect(progress).toContainText('Uploading to vega');
  // bytes of the total, files, rate and time left, all filled in from the live upload
  await expect(progress).toContainText(/[\d.]+ (KiB|MiB) of 40\.\d MiB · \d+\/73 files · [\d.]+ (KiB|MiB)\/s · (\d+s|\dm \d+s) left/);
  await expect(shell.page.getByTestId('jobs-status')).toContainText('Uploading data');
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(progress).toBeHidden();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await unthrottle();

  // nothing was versioned: the view still invites a drop, and the CLI agrees
  await expect(page.getByText('Drop a folder here to version it')).toBeVisible();
  const ls = await kiln.cli(['data', 'ls', '--json']);
  expect(ls.code, ls.stderr).toBe(0);
  expect(JSON.parse(ls.stdout)).toEqual([]);
});
