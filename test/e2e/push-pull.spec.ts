import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { test, expect } from './fixtures/test.js';
import { ShellPage } from './pages/shell-page.js';
import { DatasetsPage } from './pages/datasets-page.js';
import { ModelsPage } from './pages/models-page.js';
import { makeModel } from '../helpers/tfjs-models.js';
import { TestRegistry } from '../helpers/oci-registry.js';

// the servers these tests start read an empty docker config of their own, not the machine's
process.env.DOCKER_CONFIG = mkdtempSync(join(tmpdir(), 'kiln-e2e-docker-'));

test('push a dataset version from its page to a real registry with progress, re-push moves nothing, pull it back', async ({ page, kiln }) => {
  test.setTimeout(180_000);
  const reg = await new TestRegistry().start();
  const src = mkdtempSync(join(tmpdir(), 'kiln-e2e-push-'));
  try {
    const rows = Array.from({ length: 20_000 }, (_, i) => `${i},${(i * 7919) % 1000},label-${i % 3}`).join('\n');
    writeFileSync(join(src, 'table.csv'), `id,x,label\n${rows}\n`);
    const shell = new ShellPage(page);
    const data = new DatasetsPage(page);
    await shell.open(kiln.url);
    await data.chooseFolder(src);
    await data.addNew('tbl', 'first');
    await data.expectVersionPage('tbl', 1);

    const target = `${reg.host}/e2e/tbl:1`;
    await page.getByRole('button', { name: 'Push…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Push tbl@1' });
    await dialog.getByLabel('Registry reference').fill(target);
    await dialog.getByRole('button', { name: 'Push', exact: true }).click();
    await expect(dialog.getByRole('status')).toContainText(`Pushed to ${target}`, { timeout: 60_000 });
    await expect(dialog.getByRole('status')).toContainText('0 B already there');
    await dialog.getByRole('button', { name: 'Close' }).click();

    // again: everything is on the registry already
    await page.getByRole('button', { name: 'Push…' }).click();
    await dialog.getByLabel('Registry reference').fill(target);
    await dialog.getByRole('button', { name: 'Push', exact: true }).click();
    await expect(dialog.getByRole('status')).toContainText('0 B uploaded', { timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Close' }).click();

    // the pull dialog on the dataset page: the same content is the latest version already
    await data.openDataset('tbl');
    await page.getByRole('button', { name: 'Pull…' }).click();
    const pull = page.getByRole('dialog', { name: 'Pull a dataset' });
    await pull.getByLabel('Registry reference').fill(target);
    await pull.getByRole('button', { name: 'Pull', exact: true }).click();
    await expect(pull.getByRole('status')).toContainText('Registered tbl@1 (unchanged)', { timeout: 60_000 });

    // a refused pull says why in the dialog
    await pull.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Pull…' }).click();
    await pull.getByLabel('Registry reference').fill(`${reg.host}/e2e/missing:1`);
    await pull.getByRole('button', { name: 'Pull', exact: true }).click();
    await expect(pull).toContainText('does not exist on the registry', { timeout: 60_000 });
  } finally {
    await reg.dispose();
    rmSync(src, { recursive: true, force: true });
  }
});

test('Settings lists registries, adds one as insecure, and refuses a password it has no credential helper for', async ({ page, kiln }, testInfo) => {
  const shell = new ShellPage(page);
  await shell.open(kiln.url);
  await shell.go('Settings');
  const panel = page.getByRole('region', { name: 'Registries' });
  // captioned fields (the shared Field): a caption stays when the placeholder goes, and a click on it focuses its control
  const caption = (scope: Locator, text: string) => scope.locator('.field-label', { hasText: new RegExp(`^${text}$`) });
  await caption(panel, 'Host').click();
  await expect(panel.getByLabel('Registry host')).toBeFocused();
  await caption(panel, 'Username').click();
  await expect(panel.getByLabel('Username')).toBeFocused();
  const targets = page.getByTestId('targets-panel');
  await caption(targets, 'Base image').click();
  await expect(targets.getByLabel('Base image')).toBeFocused();
  await targets.getByLabel('Target kind').selectOption('kubernetes');
  await caption(targets, 'Namespace').click();
  await expect(targets.getByLabel('Namespace')).toBeFocused();
  await targets.getByLabel('Target kind').selectOption('swarm');
  const shot = testInfo.outputPath('settings-forms.png');
  await page.screenshot({ path: shot, fullPage: true });
  await testInfo.attach('settings: registries and targets forms', { path: shot, contentType: 'image/png' });
  await panel.getByLabel('Registry host').fill('10.9.8.7:5000');
  await panel.getByRole('checkbox').check();
  await panel.getByRole('button', { name: 'Add registry' }).click();
  await expect(panel).toContainText('10.9.8.7:5000');
  await expect(panel).toContainText('insecure');
  await panel.getByLabel('Registry host').fill('secret.example');
  await panel.getByLabel('Username').fill('me');
  await panel.getByLabel('Password').fill('pw');
  await panel.getByRole('button', { name: 'Add registry' }).click();
  await expect(panel).toContainText('Kiln keeps passwords only in the desktop app');
  await panel.getByRole('button', { name: 'Remove 10.9.8.7:5000' }).click();
  await expect(panel).not.toContainText('10.9.8.7:5000');
});

test('push a model version from its page to a real registry, then pull it back as another model from the Models view', async ({ page, kiln }) => {
  test.setTimeout(180_000);
  const reg = await new TestRegistry().start();
  const src = mkdtempSync(join(tmpdir(), 'kiln-e2e-push-model-'));
  try {
    const dir = await makeModel(join(src, 'm'), 'good');
    const r = await kiln.cli(['models', 'register', dir, '--name', 'digits', '-m', 'for the registry']);
    expect(r.code, r.stderr).toBe(0);
    const shell = new ShellPage(page);
    const models = new ModelsPage(page);
    await shell.open(kiln.url);
    await shell.go('Models');
    await models.openVersion(1);
    await models.expectVersionPage('digits', 1);
    await expect(models.versionPage.getByTestId('model-version-message')).toHaveText('for the registry');

    const target = `${reg.host}/e2e/digits:1`;
    await models.versionPage.getByRole('button', { name: 'Push…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Push digits@1' });
    await dialog.getByLabel('Registry reference').fill(target);
    await dialog.getByRole('button', { name: 'Push', exact: true }).click();
    const status = dialog.getByRole('status');
    await expect(status).toContainText(`Pushed to ${target}`, { timeout: 60_000 });
    await expect(status).toContainText('0 B already there');
    // the registry holds a ModelPack manifest under that tag, and the dialog shows its digest
    const res = await fetch(`http://${reg.host}/v2/e2e/digits/manifests/1`, { headers: { Accept: 'application/vnd.oci.image.manifest.v1+json' } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { artifactType?: string }).artifactType).toBe('application/vnd.cncf.model.manifest.v1+json');
    const digest = res.headers.get('docker-content-digest') ?? '';
    expect(digest).toMatch(/^sha256:/);
    await expect(status).toContainText(digest.slice(7, 19));
    await dialog.getByRole('button', { name: 'Close' }).click();

    // Pull model… on the model's page registers it under a new name; closing the dialog opens that version
    await page.getByRole('button', { name: 'All versions of digits' }).click();
    await page.getByRole('button', { name: 'Pull model…' }).click();
    const pull = page.getByRole('dialog', { name: 'Pull a model' });
    await pull.getByLabel('Registry reference').fill(target);
    await pull.getByLabel('Model name').fill('digits-copy');
    await pull.getByRole('button', { name: 'Pull', exact: true }).click();
    await expect(pull.getByRole('status')).toContainText('Registered digits-copy@1 (', { timeout: 60_000 });
    await pull.getByRole('button', { name: 'Close' }).click();
    await models.expectVersionPage('digits-copy', 1);
    await expect(models.versionPage.getByText('tfjs-layers', { exact: true })).toBeVisible();
  } finally {
    await reg.dispose();
    rmSync(src, { recursive: true, force: true });
  }
});
