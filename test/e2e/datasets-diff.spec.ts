import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from './fixtures/test.js';
import { ShellPage } from './pages/shell-page.js';
import type { KilnServer } from './fixtures/kiln-server.js';

const V1 = 'id,name,score\n1,ada,90\n2,bob,70\n3,cy,80\n4,di,60\n5,ed,75\n';
// bob removed, cy's score changed (now a decimal), fay added, a grade column added
const V2 = 'id,name,score,grade\n1,ada,90,A\n3,cy,82.5,B\n4,di,60,C\n5,ed,75,B\n6,fay,95,A\n';
const big = (extra: string) => `n,sq\n${Array.from({ length: 100_010 }, (_, i) => `${i},${i * i}`).join('\n')}\n${extra}`;

/** Adds each tree of files as the next version of `name` with the CLI. */
async function addVersions(kiln: KilnServer, scratch: string, name: string, trees: Record<string, string>[]): Promise<void> {
  for (const [i, files] of trees.entries()) {
    const dir = join(scratch, `${name}-${i + 1}`);
    for (const [p, text] of Object.entries(files)) {
      mkdirSync(join(dir, p, '..'), { recursive: true });
      writeFileSync(join(dir, p), text);
    }
    const r = await kiln.cli(['data', 'add', dir, '-n', name, '-m', `v${i + 1}`]);
    expect(r.code, r.stderr).toBe(0);
  }
}

test('the diff of a table below the file level: rows by content or by a key column, schema and column statistic changes, a row cap', async ({
  page,
  kiln,
}, testInfo) => {
  test.setTimeout(180_000);
  const scratch = mkdtempSync(join(tmpdir(), 'kiln-e2e-diff-'));
  try {
    await addVersions(kiln, scratch, 'scores', [
      { 'scores.csv': V1, 'big.csv': big(''), 'notes/readme.txt': 'same\n', 'old.txt': 'gone\n' },
      { 'scores.csv': V2, 'big.csv': big('1,1\n'), 'notes/readme.txt': 'same\n', 'new.txt': 'new\n' },
    ]);
    const shell = new ShellPage(page);
    await shell.open(kiln.url);
    await shell.expectWorkspace('ws');
    await page.evaluate(() => (window.location.hash = '#/datasets?dataset=scores&from=1&to=2'));
    await expect(page.getByTestId('diff-page')).toBeVisible();

    // the first changed table (big.csv) opens below the list; it has more rows than the cap
    const panel = page.getByTestId('table-diff');
    await expect(panel.locator('h2')).toHaveText('big.csv');
    await expect(panel.getByTestId('table-diff-limited')).toContainText('Diff limited to the first 100,000 rows');
    await testInfo.attach('table diff: a row cap', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });

    // scores.csv by row content: the changed row is one removed and one added
    await page.getByRole('button', { name: 'Compare the rows of scores.csv', exact: true }).click();
    await expect(panel.locator('h2')).toHaveText('scores.csv');
    await expect(panel.getByTestId('table-diff-limited')).toHaveCount(0);
    await expect(panel.getByTestId('table-diff-rows-added').locator('.diff-stat-value')).toHaveText('2');
    await expect(panel.getByTestId('table-diff-rows-removed').locator('.diff-stat-value')).toHaveText('2');
    await expect(panel.getByTestId('table-diff-rows-unchanged').locator('.diff-stat-value')).toHaveText('3');
    await expect(panel.getByTestId('table-diff-rows-changed')).toHaveCount(0);
    await expect(panel.getByRole('list', { name: 'Schema changes' })).toContainText('+ column grade');
    await expect(panel.getByRole('list', { name: 'Schema changes' })).toContainText('score: integer → number');
    const score = panel.getByRole('table', { name: 'Column statistics changes' }).locator('tr[data-column="score"]');
    await expect(score).toContainText('75 → 80.5'); // mean
    await expect(score).toContainText('90 → 95'); // max

    // by the key column id: one added, one removed, one changed (its score cell marked)
    await panel.getByLabel('Key column').selectOption('id');
    await expect(panel.getByTestId('table-diff-rows-changed').locator('.diff-stat-value')).toHaveText('1');
    await expect(panel.getByTestId('table-diff-rows-added').locator('.diff-stat-value')).toHaveText('1');
    await expect(panel.getByTestId('table-diff-rows-removed').locator('.diff-stat-value')).toHaveText('1');
    const changed = panel.getByTestId('table-diff-changed');
    await expect(changed.locator('td.cell-changed')).toHaveText('80 82.5');
    await expect(panel.getByTestId('table-diff-added')).toContainText('fay');
    await expect(panel.getByTestId('table-diff-removed')).toContainText('bob');
    await testInfo.attach('table diff: by key column', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});

test('a version’s tree marks the files added, changed and removed since the previous version', async ({ page, kiln }, testInfo) => {
  test.setTimeout(120_000);
  const scratch = mkdtempSync(join(tmpdir(), 'kiln-e2e-marks-'));
  try {
    await addVersions(kiln, scratch, 'marks', [
      { 'scores.csv': V1, 'keep/same.txt': 'same\n', 'old/gone.txt': 'gone\n', 'old.txt': 'old\n' },
      { 'scores.csv': V2, 'keep/same.txt': 'same\n', 'new.txt': 'new\n' },
    ]);
    const shell = new ShellPage(page);
    await shell.open(kiln.url);
    await shell.expectWorkspace('ws');
    await page.evaluate(() => (window.location.hash = '#/datasets?dataset=marks&version=2'));
    const tree = page.getByRole('list', { name: 'Files' });
    const row = (name: string) => tree.locator('.tree-row', { has: page.locator('.tree-name', { hasText: new RegExp(`^${name.replace('.', '\\.')}$`) }) });
    await expect(page.getByTestId('tree-changes')).toHaveText('vs v1: 1 added · 1 changed · 2 removed');
    await expect(row('scores.csv')).toHaveAttribute('data-change', 'modified');
    await expect(row('scores.csv').locator('.tree-badge')).toHaveText('M');
    await expect(row('new.txt')).toHaveAttribute('data-change', 'added');
    await expect(row('new.txt').locator('.tree-badge')).toHaveText('A');
    await expect(row('old.txt')).toHaveAttribute('data-change', 'removed');
    await expect(row('gone.txt')).toHaveAttribute('data-change', 'removed');
    await expect(row('old')).toHaveAttribute('data-change', 'removed');
    expect(await row('old.txt').evaluate((el) => Number(getComputedStyle(el).opacity))).toBeLessThan(1);
    await expect(row('same.txt')).not.toHaveAttribute('data-change', /./);
    // folder sizes count what the version holds, not the removed files
    await expect(row('keep').locator('.tree-size')).toHaveText('5 B');
    await testInfo.attach('version tree with changes', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
    // a removed file opens in the version that still holds it
    await row('old.txt').click();
    await expect(page).toHaveURL(/version=1&file=old.txt/);
    await expect(page.getByTestId('file-preview')).toContainText('old');
    // the first version has nothing to compare with: no marks
    await expect(page.getByTestId('tree-changes')).toHaveCount(0);
    await expect(tree.locator('.tree-badge')).toHaveCount(0);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
