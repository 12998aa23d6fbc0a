import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures/test.js';
import { ShellPage } from './pages/shell-page.js';
import { RunsPage } from './pages/runs-page.js';
import { busyboxImage } from '../helpers/test-images.js';

// Issue 10, item 6: a metric logged once is a value (and bars across runs in compare), not an empty chart.

const spec = (image: string, acc: string) => `stages:
  train:
    image: ${image}
    cmd: sh -c 'for s in 1 2 3; do echo "{\\"metric\\":\\"loss\\",\\"step\\":$s,\\"value\\":0.$((9 - s))}" >> $KILN_METRICS; done; echo "{\\"metric\\":\\"test_accuracy\\",\\"step\\":3,\\"value\\":${acc}}" >> $KILN_METRICS; echo ok > out/ok'
    params: {acc: ${acc}}
    outputs: [out]
`;

test('test_accuracy logged once shows as a value on the run page and as bars across two runs in compare', async ({ page, kiln }, testInfo) => {
  test.setTimeout(180_000);
  const image = await busyboxImage();
  for (const acc of ['0.91', '0.87']) {
    writeFileSync(join(kiln.workspace, 'kiln.yaml'), spec(image, acc));
    const r = await kiln.cli(['run', '--no-logs']);
    expect(r.code, r.stderr).toBe(0);
  }
  const shell = new ShellPage(page);
  await shell.open(kiln.url);
  await shell.go('Runs');
  const runs = new RunsPage(page);
  await expect(runs.rows()).toHaveCount(2);
  await runs.rows().first().click();
  const value = page.getByTestId('value-test_accuracy');
  await expect(value).toContainText(/0\.87|0\.91/);
  await expect(value).toContainText('logged once, at step 3');
  await testInfo.attach('run page: one value', { body: await page.screenshot(), contentType: 'image/png' });

  await page.getByRole('button', { name: 'All runs' }).click();
  await runs.select(0);
  await runs.select(1);
  await page.getByRole('button', { name: /^Compare 2$/ }).click();
  const bars = page.getByRole('group', { name: 'test_accuracy: one value per run' });
  await expect(bars).toBeVisible();
  await expect(bars).toContainText('0.91');
  await expect(bars).toContainText('0.87');
  await expect(page.getByRole('group', { name: 'test_accuracy: one value per run' }).locator('.kc-bar')).toHaveCount(2);
  await testInfo.attach('compare: bars across runs', { body: await page.screenshot(), contentType: 'image/png' });
});
