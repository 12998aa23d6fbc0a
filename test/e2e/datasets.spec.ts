import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test, expect } from './fixtures/test.js';
import { ShellPage } from './pages/shell-page.js';
import { DatasetsPage } from './pages/datasets-page.js';

const VEGA = resolve('node_modules/vega-datasets/data');

test('drop the vega-datasets folder, preview a CSV, add a second version and diff them', async ({ page, kiln }) => {
  test.setTimeout(300_000);
  const scratch = mkdtempSync(join(tmpdir(), 'kiln-e2e-vega-'));
  try {
    const shell = new ShellPage(page);
    const data = new DatasetsPage(page);
    await shell.open(kiln.url);
    await expect(page.getByText('Drop a folder here to version it')).toBeVisible();

    // v1: the package's real data folder, through the folder picker (same upload code as a drop)
    const files = readdirSync(VEGA, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).length;
    await data.chooseFolder(VEGA);
    await data.addNew('vega', 'vega-datasets as shipped');
    await data.expectVersionPage('vega', 1);
    await expect(page.locator('.version-meta')).toContainText(`${files} files`);

    // the CSV preview is a table with the file's header and first rows, plus column statistics
    await data.openFile('airports.csv');
    const header = readFileSync(join(VEGA, 'airports.csv'), 'utf8').split('\n')[0]!.split(',');
    const table = data.preview.getByTestId('preview-table');
    await expect(table.locator('thead th')).toHaveCount(header.length + 1);
    for (const col of header) await expect(table.locator('thead')).toContainText(col.replace(/"/g, ''));
    await expect(table.locator('tbody tr')).toHaveCount(100);
    const rows = readFileSync(join(VEGA, 'airports.csv'), 'utf8').trim().split('\n').length - 1;
    await expect(data.stats).toContainText(`${rows.toLocaleString('en-US')} rows`);

    // an image shows as a thumbnail of the stored bytes
    await data.openFile('7zip.png');
    const img = data.preview.locator('img');
    await expect(img).toBeVisible();
    expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBeGreaterThan(0);

    // far down the virtualized tree: a TSV is a table too
    await data.openFile('unemployment.tsv');
    await expect(data.preview).toContainText('TSV');
    await expect(data.preview.getByTestId('preview-table').locator('thead')).toContainText(
      readFileSync(join(VEGA, 'unemployment.tsv'), 'utf8').split('\n')[0]!.split('\t')[0]!,
    );

    // v2: a modified copy, dropped onto the window (a real folder drop through Chromium's input pipeline)
    const copy = join(scratch, 'vega-data');
    cpSync(VEGA, copy, { recursive: true });
    appendFileSync(
      join(copy, 'airports.csv'),
      'ZZZ,"Kiln Test Field","Testville","TX","USA",30.1,-97.7\nZZY,"Second Test Field","Testville","TX","USA",30.2,-97.8\n',
    );
    await data.dropFolder(copy);
    await data.addToExisting('vega', 'two test airports');
    await data.expectVersionPage('vega', 2);

    // the diff: one file modified, two rows added, most bytes reused
    await data.openDataset('vega');
    await expect(data.versionRow(2)).toContainText('two test airports');
    await expect(data.versionRow(1)).toContainText('vega-datasets as shipped');
    await data.openDiff(1, 2);
    await expect(data.diffCount('modified')).toHaveText('1');
    await expect(data.diffCount('added')).toHaveText('0');
    await expect(data.diffCount('removed')).toHaveText('0');
    const row = data.diffRow('airports.csv');
    await expect(row).toContainText('modified');
    await expect(row).toContainText('+2');
    await expect(row).toContainText('−0');
    await page.screenshot({ path: test.info().outputPath('datasets-diff.png') });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
