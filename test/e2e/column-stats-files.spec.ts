import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test, expect } from './fixtures/test.js';
import { ShellPage } from './pages/shell-page.js';
import { DatasetsPage } from './pages/datasets-page.js';

// Issue 10, item 5: column statistics never show the previous file's, a sample says so with its size,
// and the table fits its panel at 1100 px.

test.use({ viewport: { width: 1100, height: 800 } });

const VEGA = resolve('node_modules/vega-datasets/data');

test("switching files never shows the previous file's statistics; sampled statistics say so; the table fits", async ({ page, kiln }, testInfo) => {
  test.setTimeout(240_000);
  const scratch = mkdtempSync(join(tmpdir(), 'kiln-e2e-stats-'));
  try {
    const dir = join(scratch, 'flights');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.csv'), `csv_only_col,value\n${Array.from({ length: 50 }, (_, i) => `row-${i},${i}`).join('\n')}\n`);
    copyFileSync(join(VEGA, 'flights-20k.json'), join(dir, 'flights-20k.json'));
    copyFileSync(join(VEGA, 'flights-3m.parquet'), join(dir, 'flights-3m.parquet'));
    const add = await kiln.cli(['data', 'add', dir, '--name', 'flights', '-m', 'csv, json, parquet']);
    expect(add.code, add.stderr).toBe(0);

    const shell = new ShellPage(page);
    await shell.open(kiln.url);
    await shell.go('Datasets');
    const data = new DatasetsPage(page);
    await data.openDataset('flights');
    await data.versionRow(1).click();
    await data.expectVersionPage('flights', 1);

    await data.openFile('a.csv');
    await expect(data.stats.locator('.col-name').first()).toHaveText('csv_only_col');

    // every DOM change while the next file opens: which file the panel is for, and whose statistics it shows
    await page.evaluate(() => {
      const w = window as unknown as { seen: { file: string; statsFor: string | null; firstCol: string | null }[] };
      w.seen = [];
      const snap = () =>
        w.seen.push({
          file: document.querySelector('.file-head .row-strong')?.textContent ?? '',
          statsFor: document.querySelector('[data-testid="column-stats"]')?.getAttribute('data-for') ?? null,
          firstCol: document.querySelector('[data-testid="column-stats"] .col-name')?.textContent ?? null,
        });
      new MutationObserver(snap).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await data.openFile('flights-20k.json');
    await expect(data.stats.locator('.col-name').first()).toHaveText('date');
    const seen = await page.evaluate(() => (window as unknown as { seen: { file: string; statsFor: string | null; firstCol: string | null }[] }).seen);
    const underJson = seen.filter((s) => s.file === 'flights-20k.json');
    expect(underJson.length).toBeGreaterThan(0);
    expect(underJson.filter((s) => s.statsFor === 'a.csv' || s.firstCol === 'csv_only_col')).toEqual([]);
    await expect(data.stats).toHaveAttribute('data-for', 'flights-20k.json');
    await expect(page.getByTestId('stats-sample')).toHaveCount(0);

    // the 13 MB Parquet: asked for, then computed on a sample, which the panel states with its size
    await data.openFile('flights-3m.parquet');
    await expect(data.stats.locator('.col-name')).toHaveCount(0);
    await data.stats.getByRole('button', { name: 'Compute statistics' }).click();
    const sample = page.getByTestId('stats-sample');
    await expect(sample).toContainText(/first 500,000 of [\d,]+ rows/, { timeout: 120_000 });
    await expect(data.stats).toHaveAttribute('data-for', 'flights-3m.parquet');
    await data.stats.scrollIntoViewIfNeeded();
    await testInfo.attach('parquet statistics on a sample, at 1100 px', { body: await page.screenshot(), contentType: 'image/png' });

    // the table fits its panel: no sideways scrolling, for either file
    const overflow = () => data.stats.locator('.preview-scroll').evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await data.openFile('flights-20k.json');
    await expect(data.stats).toHaveAttribute('data-for', 'flights-20k.json');
    expect(await overflow()).toBeLessThanOrEqual(0);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
