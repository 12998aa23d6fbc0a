import { appendFileSync, copyFileSync, mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { test, expect } from './fixtures/test.js';
import { ShellPage } from './pages/shell-page.js';
import { SettingsPage } from './pages/settings-page.js';
import type { KilnServer } from './fixtures/kiln-server.js';

const VEGA = resolve('node_modules/vega-datasets/data');

/** What nvidia-smi says here decides which GPU state the panel must show. */
function hostHasGpu(): boolean {
  try {
    return execFileSync('nvidia-smi', ['-L'], { encoding: 'utf8', timeout: 10_000 }).includes('GPU ');
  } catch {
    return false;
  }
}

test('the shell shows the engine, the GPU panel and opens or creates workspaces', async ({ page, kiln }) => {
  const shell = new ShellPage(page);
  await shell.open(kiln.url);
  await shell.expectEngineConnected();
  await shell.expectWorkspace('ws');

  await shell.go('Settings');
  const settings = new SettingsPage(page);
  await settings.expectEngineDetails();
  const gpu = await settings.gpuState();
  if (hostHasGpu()) expect(gpu.gpus).toBeGreaterThan(0);
  else {
    expect(gpu.gpus).toBe(0);
    expect(gpu.reason).toMatch(/No NVIDIA GPU available\s+\S+/);
  }
  await expect(shell.gpuStatus).toHaveText(gpu.gpus ? new RegExp(`${gpu.gpus} GPU`) : 'No GPU');

  // a folder that is not a workspace yet: the picker offers to create one there
  const scratch = mkdtempSync(join(tmpdir(), 'kiln-e2e-picker-'));
  try {
    const fresh = join(scratch, 'fresh-project');
    mkdirSync(fresh);
    await shell.openWorkspace(fresh);
    const picker = page.getByRole('dialog', { name: 'Open a workspace' });
    await expect(picker.getByRole('alert')).toContainText('not a Kiln workspace');
    await picker.getByRole('button', { name: 'Create a workspace here' }).click();
    await shell.expectWorkspace('fresh-project');

    // back to the first one, from the recent list
    await shell.workspaceButton.click();
    await page.getByRole('dialog', { name: 'Open a workspace' }).getByRole('button', { name: /^ws\b/ }).click();
    await shell.expectWorkspace('ws');

    // an empty Models view says what to do next
    await shell.go('Models');
    await expect(page.getByText('Drop a model folder here to register it')).toBeVisible();

    // the palette reaches every view
    await shell.runCommand('settings');
    await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});

test('a corrupt workspace database is refused with a clear error and left untouched', async ({ page, kiln }) => {
  const { writeFileSync, readFileSync } = await import('node:fs');
  const scratch = mkdtempSync(join(tmpdir(), 'kiln-e2e-corrupt-'));
  try {
    const ws = join(scratch, 'broken');
    mkdirSync(join(ws, '.kiln'), { recursive: true });
    const junk = Buffer.from('this is not a SQLite database, it is junk\n'.repeat(200));
    writeFileSync(join(ws, '.kiln', 'kiln.db'), junk);
    const shell = new ShellPage(page);
    await shell.open(kiln.url);
    await shell.openWorkspace(ws);
    const alert = page.getByRole('dialog', { name: 'Open a workspace' }).getByRole('alert');
    await expect(alert).toContainText(/damaged|corrupt|not a database/i);
    await expect(alert.getByRole('button', { name: 'Create a workspace here' })).toHaveCount(0);
    expect(readFileSync(join(ws, '.kiln', 'kiln.db')).equals(junk)).toBe(true);
    await shell.expectWorkspace('ws');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});

/** A small real dataset (a few vega-datasets files, two versions) so the screenshot shows the workbench at work. */
async function seedDataset(kiln: KilnServer): Promise<void> {
  const dir = join(kiln.workspace, 'weather');
  mkdirSync(dir);
  for (const f of ['seattle-weather.csv', 'stocks.csv', 'cars.json', 'penguins.json', '7zip.png']) copyFileSync(join(VEGA, f), join(dir, f));
  const add = async (message: string) => {
    const r = await kiln.cli(['data', 'add', dir, '--name', 'weather', '-m', message]);
    expect(r.code, r.stderr).toBe(0);
  };
  await add('Seattle weather and friends, as published');
  appendFileSync(join(dir, 'seattle-weather.csv'), '2016-01-01,0.0,12.2,5.0,3.1,sun\n');
  await add('add New Year 2016');
}

for (const scheme of ['light', 'dark'] as const) {
  test(`screenshot of the main window (${scheme})`, async ({ page, kiln }) => {
    await seedDataset(kiln);
    await page.emulateMedia({ colorScheme: scheme });
    const shell = new ShellPage(page);
    await shell.open(`${kiln.url}#/datasets?dataset=weather&version=2&file=seattle-weather.csv`);
    await shell.expectEngineConnected();
    await expect(page.getByTestId('preview-table').locator('tbody tr')).toHaveCount(100);
    await expect(page.getByTestId('column-stats')).toContainText('1,462 rows');
    const file = scheme === 'light' ? 'docs/screenshot.png' : 'docs/screenshot-dark.png';
    await page.screenshot({ path: file });
    await page.screenshot({ path: test.info().outputPath(`main-window-${scheme}.png`) });
    await shell.go('Settings');
    await expect(page.getByTestId('gpu-panel').locator('table, [data-testid="gpu-reason"]')).toBeVisible();
    await expect(page.getByTestId('engine-panel').locator('dt:has-text("CPUs") + dd')).toHaveText(/^\d+$/);
    await page.screenshot({ path: test.info().outputPath(`settings-${scheme}.png`) });
  });
}

test('a workspace from a newer Kiln is refused and left untouched', async ({ page, kiln }) => {
  const { default: Database } = await import('better-sqlite3');
  const scratch = mkdtempSync(join(tmpdir(), 'kiln-e2e-newer-'));
  try {
    const ws = join(scratch, 'from-the-future');
    const init = await kiln.cli(['init', ws]);
    expect(init.code, init.stderr).toBe(0);
    const db = new Database(join(ws, '.kiln', 'kiln.db'));
    db.pragma('user_version = 999');
    db.close();
    const shell = new ShellPage(page);
    await shell.open(kiln.url);
    await shell.openWorkspace(ws);
    const alert = page.getByRole('dialog', { name: 'Open a workspace' }).getByRole('alert');
    await expect(alert).toContainText('written by a newer Kiln');
    await expect(alert).toContainText('999');
    const after = new Database(join(ws, '.kiln', 'kiln.db'), { readonly: true });
    expect(Number(after.pragma('user_version', { simple: true }))).toBe(999);
    after.close();
    await shell.expectWorkspace('ws');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
