import { spawn } from 'node:child_process';
import { test, expect } from './fixtures/test.js';
import { ShellPage } from './pages/shell-page.js';
import { ModelsPage } from './pages/models-page.js';
import { recordTimings } from './ui-timings.js';

const VERSIONS = 1000;

function seed(workspace: string, home: string): Promise<string> {
  return new Promise((res, rej) => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'test/e2e/models-seed.ts', workspace, 'digits', String(VERSIONS)], {
      env: { ...process.env, KILN_HOME: home },
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d));
    p.stderr.on('data', (d: Buffer) => (err += d));
    p.on('close', (code) => (code === 0 ? res(out.trim().split('\n').pop() ?? '') : rej(new Error(`seeding failed (${code}): ${err}`))));
  });
}

test('Models view over 1,000 versions: first page from the rail click, paged as it scrolls', async ({ page, kiln }) => {
  test.setTimeout(180_000);
  console.log(`seeded: ${await seed(kiln.workspace, kiln.home)}`);
  const shell = new ShellPage(page);
  const models = new ModelsPage(page);
  await shell.open(kiln.url);
  await shell.expectWorkspace('ws');

  const firstPageMs = await models.openMeasured();
  // newest first; only the visible rows exist
  await expect(models.versionRow(VERSIONS)).toBeVisible();
  await expect(page.getByText(`${VERSIONS.toLocaleString('en-US')} versions`)).toBeVisible();
  expect(await page.locator('.km-row').count()).toBeLessThan(80);

  // the far end of the list is fetched when scrolled to, not before
  await models.scrollVersionsToEnd('digits');
  await expect(models.versionRow(1)).toBeVisible();
  await expect(models.versionRow(1)).toContainText('tfjs-layers');
  await models.openVersion(1);
  await models.expectVersionPage('digits', 1);

  // again, with the server warm (what a user sees on every later visit)
  await shell.go('Datasets');
  const warmMs = await models.openMeasured();
  console.log(
    `UI timings (Chromium): models versions table with ${VERSIONS} versions, first page ${Math.round(firstPageMs)} ms (target < 300), warm ${Math.round(warmMs)} ms`,
  );
  recordTimings({ modelsTableFirstPageMs: Math.round(firstPageMs), modelsTableWarmMs: Math.round(warmMs), modelsTableVersions: VERSIONS });
  // a loose bound that still fails on a table that loads everything; the target is reported above
  expect(firstPageMs).toBeLessThan(5000);
});
