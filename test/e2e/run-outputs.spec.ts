import { spawn } from 'node:child_process';
import { test, expect } from './fixtures/test.js';
import { ShellPage } from './pages/shell-page.js';

function seed(workspace: string, home: string): Promise<string> {
  return new Promise((res, rej) => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'test/e2e/run-outputs-seed.ts', workspace], { env: { ...process.env, KILN_HOME: home } });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d));
    p.stderr.on('data', (d: Buffer) => (err += d));
    p.on('close', (code) => (code === 0 ? res(out.trim().split('\n').pop()!) : rej(new Error(`seeding failed (${code}): ${err}`))));
  });
}

test('a run’s outputs open in the file tree with previews (JSON, CSV, image, TF.js model) and its lineage reads data → run → model', async ({
  page,
  kiln,
}, testInfo) => {
  test.setTimeout(180_000);
  const runId = await seed(kiln.workspace, kiln.home);
  const shell = new ShellPage(page);
  await shell.open(kiln.url);
  await shell.expectWorkspace('ws');
  await page.evaluate((id) => (window.location.hash = `#/runs?run=${id}`), runId);
  await expect(page.getByTestId('run-page')).toBeVisible();

  const lineage = page.getByTestId('run-lineage');
  await expect(lineage).toContainText('digits@1');
  await expect(lineage).toContainText('mnist@1');

  const outputs = page.getByTestId('run-outputs');
  const tree = outputs.getByRole('list', { name: 'Files' }).or(outputs.locator('.tree-pane'));
  for (const name of ['model', 'model.json', 'weights.bin', 'eval', 'report.json', 'per-class.csv', 'confusion.png']) {
    await expect(tree.locator('.tree-row', { hasText: new RegExp(`^${name.replace('.', '\\.')}`) }).first()).toBeVisible();
  }
  const open = (name: string) => tree.locator('.tree-row .tree-name', { hasText: new RegExp(`^${name.replace('.', '\\.')}$`) }).click();

  // a TF.js model.json: its layers, output shapes, parameter counts (2→256→256→2 dense: 67,074) and the shard's size
  await open('model.json');
  const model = outputs.getByTestId('tfjs-model');
  await expect(model).toBeVisible();
  // three layers and the total
  await expect(model.getByRole('table', { name: 'Layers' }).locator('tbody tr')).toHaveCount(4);
  await expect(model).toContainText('Dense');
  await expect(model).toContainText('[None, 256]');
  await expect(model).toContainText('65,792');
  await expect(model.getByRole('table', { name: 'Layers' })).toContainText('67,074');
  await expect(model.getByRole('table', { name: 'Weight shards' })).toContainText('model/weights.bin');
  await expect(model.getByRole('table', { name: 'Weight shards' })).toContainText('262.0 KiB');
  await testInfo.attach('run outputs - TensorFlow model preview', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });

  await open('per-class.csv');
  await expect(outputs.getByTestId('preview-table')).toContainText('precision');
  await expect(outputs.getByTestId('preview-table').locator('tbody tr')).toHaveCount(2);

  await open('report.json');
  await expect(outputs.getByTestId('file-preview')).toContainText('accuracy');

  await open('confusion.png');
  await expect(outputs.getByTestId('file-preview')).toContainText('40 × 30');
  await expect(outputs.getByTestId('file-preview').locator('img')).toBeVisible();
  await testInfo.attach('run outputs: image', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });

  // the lineage's model goes to that model version
  await lineage.getByRole('button', { name: 'mnist@1' }).click();
  await expect(page).toHaveURL(/#\/models\?model=mnist&version=1/);
});
