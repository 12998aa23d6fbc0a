import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Docker from 'dockerode';
import { test, expect } from './fixtures/test.js';
import { startKilnServer } from './fixtures/kiln-server.js';
import { ShellPage } from './pages/shell-page.js';
import { PipelinesPage } from './pages/pipelines-page.js';
import { WorkspaceDialog } from './pages/workspace-dialog.js';

// Issue 10, "the first 30 minutes": what a newcomer meets in web mode.

test('first launch in web mode opens the example; the dialog opens the example, makes a new workspace, browses folders, expands ~, refuses relative paths and drops missing recent entries', async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000); // creating the example links TensorFlow.js into it: slow on a loaded machine
  const home = mkdtempSync(join(tmpdir(), 'kiln-e2e-home-'));
  const server = await startKilnServer({ workspace: false, env: { KILN_FIRST_LAUNCH_EXAMPLE: '1', HOME: home } });
  try {
    const base = dirname(server.workspace);
    const shell = new ShellPage(page);
    await shell.open(server.url);
    // no workspace, nothing recent: the example is created at $KILN_EXAMPLE_DIR and opened
    await shell.expectWorkspace('example');
    expect(readFileSync(join(base, 'example', 'kiln.yaml'), 'utf8')).toContain('prepare:');
    await shell.go('Pipelines');
    await expect(new PipelinesPage(page).stage('train')).toBeVisible();
    await testInfo.attach('first launch: the example', { body: await page.screenshot(), contentType: 'image/png' });

    // New workspace, typed with ~ (HOME is the temp dir here)
    let dialog = await WorkspaceDialog.fromSwitcher(page);
    await dialog.newWorkspace('~/projects/fresh');
    await shell.expectWorkspace('fresh');

    // a relative path is refused with the full path to give instead
    dialog = await WorkspaceDialog.fromSwitcher(page);
    await dialog.submit('projects/fresh');
    await expect(dialog.error()).toContainText('is a relative path: give the full path');
    await testInfo.attach('relative path refused', { body: await page.screenshot(), contentType: 'image/png' });

    // the folder browser served by Kiln: home → projects, the workspace marked, Open
    await dialog.browse();
    await dialog.browser.getByRole('button', { name: 'Home folder' }).click();
    await dialog.enterFolder('projects');
    await expect(dialog.browser.getByRole('button', { name: /^fresh\s*workspace/ })).toBeVisible();
    await expect(dialog.path).toHaveValue(join(home, 'projects'));
    await testInfo.attach('folder browser', { body: await page.screenshot(), contentType: 'image/png' });
    await dialog.enterFolder('fresh');
    await dialog.root.getByRole('button', { name: 'Open', exact: true }).click();
    await shell.expectWorkspace('fresh');

    // Open the example again from the dialog
    dialog = await WorkspaceDialog.fromSwitcher(page);
    await dialog.openExample();
    await shell.expectWorkspace('example');

    // a recent workspace that was deleted can be removed from the list
    rmSync(join(home, 'projects', 'fresh'), { recursive: true, force: true });
    await page.reload();
    dialog = await WorkspaceDialog.fromSwitcher(page);
    await expect(dialog.root.getByText('missing')).toBeVisible();
    await dialog.removeRecent('fresh').click();
    await expect(dialog.root.getByText('missing')).toHaveCount(0);
    await expect(dialog.root.locator('.ws-recent-name', { hasText: 'example' })).toBeVisible();
  } finally {
    await server.stop();
    rmSync(home, { recursive: true, force: true });
  }
});

test('a node image that cannot be pulled: the Pipelines view offers to build a local one, and the example then runs with no edit', async ({
  page,
}, testInfo) => {
  test.setTimeout(420_000);
  const localRepo = 'kiln-test/local-node-e2e';
  await new Docker()
    .getImage(`${localRepo}:${process.versions.node}`)
    .remove({ force: true })
    .catch(() => undefined);
  const server = await startKilnServer({
    workspace: false,
    env: { KILN_FIRST_LAUNCH_EXAMPLE: '1', KILN_EXAMPLE_IMAGE: `node:kiln-e2e-missing-${process.pid}`, KILN_LOCAL_NODE_IMAGE: localRepo },
  });
  try {
    const shell = new ShellPage(page);
    await shell.open(server.url);
    await shell.expectWorkspace('example');
    await shell.go('Pipelines');
    const p = new PipelinesPage(page);
    await expect(p.imageProblem).toContainText('could not be pulled');
    await testInfo.attach('image cannot be pulled', { body: await page.screenshot(), contentType: 'image/png' });
    await p.buildLocalImage.click();
    await expect(p.imageNote).toContainText(`${localRepo}:${process.versions.node}, built from this machine's node`, { timeout: 240_000 });
    await expect(p.imageProblem).toHaveCount(0);

    await p.runButton.click();
    await p.expectRunNumber(1, 30_000);
    await p.expectRun('done', 300_000);
    for (const s of ['prepare', 'train', 'evaluate']) await p.expectStage(s, 'done');
    await testInfo.attach('the example ran', { body: await page.screenshot(), contentType: 'image/png' });

    // its run page: the lineage mnist-digits@1 (added at init) → the run → mnist@1, and the outputs as files
    await expect(async () => {
      await page.evaluate(() => (window.location.hash = '#/runs?run=latest'));
      await page.reload();
      const lineage = page.getByTestId('run-lineage');
      await expect(lineage).toContainText('mnist-digits@1', { timeout: 5_000 });
      await expect(lineage).toContainText('mnist@1', { timeout: 5_000 });
    }).toPass({ timeout: 60_000 });
    const outputs = page.getByTestId('run-outputs');
    await outputs.locator('.tree-row .tree-name', { hasText: /^model\.json$/ }).click();
    await expect(outputs.getByTestId('tfjs-model')).toContainText('Dense');
    await testInfo.attach('the example run page - lineage and outputs', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
  } finally {
    await server.stop();
  }
});

test('kiln.yaml messages a person can act on: did you mean `cmd`, `cmd` is required, no schema-library wording; one banner', async ({
  page,
  kiln,
}, testInfo) => {
  writeFileSync(join(kiln.workspace, 'kiln.yaml'), `stages:\n  a:\n    image: busybox\n    comand: [echo, hi]\n  b:\n    image: 3\n    network: hots\n`);
  const shell = new ShellPage(page);
  await shell.open(kiln.url);
  await shell.go('Pipelines');
  const p = new PipelinesPage(page);
  await expect(p.issues).toContainText('unknown key `comand` — did you mean `cmd`? (`cmd` is required)');
  await expect(p.issues).toContainText('`image` must be a string (got 3)');
  await expect(p.issues).toContainText('stages.b.cmd'); // b lacks cmd: said at b, plainly
  await expect(p.issues).toContainText('`cmd` is required');
  await expect(p.issues).not.toContainText(/Invalid (input|key|option)|expected string/);
  await expect(page.getByRole('alert')).toHaveCount(1);
  await testInfo.attach('kiln.yaml problems', { body: await page.screenshot(), contentType: 'image/png' });
});

test('a folder with a non-ASCII name gets a readable dataset name; a too-long name is said to be too long', async ({ page, kiln }, testInfo) => {
  const { DatasetsPage } = await import('./pages/datasets-page.js');
  const dir = join(dirname(kiln.workspace), 'Données météo');
  mkdirSync(dir);
  writeFileSync(join(dir, 'a.csv'), 'x,y\n1,2\n');
  const shell = new ShellPage(page);
  await shell.open(kiln.url);
  const d = new DatasetsPage(page);
  await d.chooseFolder(dir);
  const dialog = page.getByRole('dialog', { name: 'Add a dataset version' });
  await expect(dialog.getByLabel('Dataset name')).toHaveValue('Donnees-meteo');
  // the shared Field: caption, control, hint; a click on the caption focuses the control
  await expect(dialog.locator('.field-hint')).toHaveText('Named from “Données météo”, spelled with letters a dataset reference can hold.');
  await dialog.locator('.field-label', { hasText: /^Message$/ }).click();
  await expect(dialog.getByLabel('Message')).toBeFocused();
  await dialog.getByLabel('Dataset name').fill('x'.repeat(120));
  await expect(dialog.getByRole('alert')).toContainText('The name is 120 characters long: at most 100.');
  // the error is in the "bad" colour, not the caption's grey
  const colours = await dialog.getByRole('alert').evaluate((el) => {
    const probe = document.createElement('span');
    probe.style.color = 'var(--bad)';
    el.appendChild(probe);
    const bad = getComputedStyle(probe).color;
    probe.remove();
    const caption = getComputedStyle(el.parentElement!.querySelector('.field-label')!).color;
    return { error: getComputedStyle(el).color, bad, caption };
  });
  expect(colours.error).toBe(colours.bad);
  expect(colours.error).not.toBe(colours.caption);
  await dialog.getByLabel('Dataset name').fill('Données météo');
  await expect(dialog.getByRole('alert')).toContainText('Letters, digits');
  await testInfo.attach('dataset name suggestion', { body: await page.screenshot(), contentType: 'image/png' });
  await dialog.getByRole('button', { name: 'Use “Donnees-meteo”' }).click();
  await expect(dialog.getByLabel('Dataset name')).toHaveValue('Donnees-meteo');
  await expect(dialog.getByRole('button', { name: 'Create dataset Donnees-meteo' })).toBeEnabled();
});

test('README screenshot: what a newcomer sees after the first run of the example (docs/screenshot.png)', async ({ page }, testInfo) => {
  test.setTimeout(420_000);
  // the example as kiln init writes it (node:20-bookworm-slim); where it cannot be pulled, the button a newcomer would press
  const server = await startKilnServer({ workspace: false, env: { KILN_FIRST_LAUNCH_EXAMPLE: '1', KILN_LOCAL_NODE_IMAGE: 'kiln-test/local-node-e2e' } });
  try {
    const shell = new ShellPage(page);
    await shell.open(server.url);
    await shell.expectWorkspace('example');
    await shell.go('Pipelines');
    const p = new PipelinesPage(page);
    await expect(p.runButton).toBeEnabled();
    // where the image is neither here nor pullable, the notice comes once the registry has answered
    await p.imageProblem
      .or(p.imageNote)
      .first()
      .waitFor({ timeout: 20_000 })
      .catch(() => undefined);
    if (await p.buildLocalImage.isVisible().catch(() => false)) {
      await p.buildLocalImage.click();
      await expect(p.imageNote).toBeVisible({ timeout: 240_000 });
    }
    await p.runButton.click();
    await p.expectRunNumber(1, 60_000);
    await p.expectRun('done', 300_000);
    await p.stage('train').click();
    await expect(p.log).toContainText(/epoch/i, { timeout: 30_000 });
    const shot = await page.screenshot({ path: 'docs/screenshot.png' });
    await testInfo.attach('docs/screenshot.png', { body: shot, contentType: 'image/png' });
  } finally {
    await server.stop();
  }
});
