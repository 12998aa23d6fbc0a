import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/test.js';
import { ShellPage } from './pages/shell-page.js';
import { ModelsPage } from './pages/models-page.js';
import { buildModel, holdoutCsv, makeModel, saveLayersModel } from '../helpers/tfjs-models.js';

const KILN_YAML = `models:
  digits:
    holdout: data:holdout@latest
    label: label
    gates:
      - accuracy >= 0.9
      - accuracy >= champion.accuracy - 0.01
`;

/** A second exact classifier with other weights (so other bytes, another version): label = x0 > x1, sharper. */
async function makeSharpModel(dir: string): Promise<string> {
  const m = buildModel('good');
  m.layers[0]!.setWeights([
    tf.tensor2d([
      [-20, 20],
      [20, -20],
    ]),
    tf.zeros([2]),
  ]);
  await saveLayersModel(m, dir);
  return dir;
}

async function shoot(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const path = test.info().outputPath(`${name}-${scheme}.png`);
    await page.screenshot({ path });
    await test.info().attach(`${name} (${scheme})`, { path, contentType: 'image/png' });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('register real TF.js models by drop, promotion refused by a named gate then accepted, rollback and the alias timeline', async ({ page, kiln }) => {
  test.setTimeout(240_000);
  const scratch = mkdtempSync(join(tmpdir(), 'kiln-e2e-models-'));
  try {
    // real TF.js layers models and a holdout dataset version, gates in kiln.yaml
    const good = await makeModel(join(scratch, 'good'), 'good');
    const bad = await makeModel(join(scratch, 'bad'), 'bad');
    const sharp = await makeSharpModel(join(scratch, 'sharp'));
    mkdirSync(join(scratch, 'holdout'));
    holdoutCsv(join(scratch, 'holdout', 'holdout.csv'), 500);
    const add = await kiln.cli(['data', 'add', join(scratch, 'holdout'), '--name', 'holdout']);
    expect(add.code, add.stderr).toBe(0);
    writeFileSync(join(kiln.workspace, 'kiln.yaml'), KILN_YAML);

    const shell = new ShellPage(page);
    const models = new ModelsPage(page);
    await shell.open(kiln.url);
    await shell.go('Models');
    await expect(page.getByText('Drop a model folder here to register it')).toBeVisible();

    // v1: a folder dropped on the Models view (uploaded, then models:register on the staged folder)
    await models.dropFolder(good);
    await models.registerNew('digits', 'exact classifier');
    await models.expectVersionPage('digits', 1);
    await expect(models.versionPage.getByTestId('model-version-message')).toHaveText('exact classifier');
    await expect(models.versionPage.getByText('tfjs-layers', { exact: true })).toBeVisible();
    await expect(models.versionPage.getByTestId('lineage-graph')).toContainText('from a folder');
    await expect(page.getByRole('list', { name: 'Files' })).toContainText('model.json');

    // promoting v1 to champion: its gates run (evaluation on the holdout) and pass
    await models.promote('champion', 'first exact model');
    await expect(models.promoteDialog).toBeHidden({ timeout: 90_000 });
    await expect(models.alias(models.versionPage, 'champion')).toBeVisible();
    const gates = models.versionPage.getByTestId('gate-report');
    await expect(gates.getByTestId('gate-row')).toHaveCount(2);
    await expect(gates.locator('[data-pass="false"]')).toHaveCount(0);

    // v2 predicts the opposite class: promotion is refused, naming the accuracy gate; champion stays on v1
    await models.dropFolder(bad);
    await models.registerExisting('digits');
    await models.expectVersionPage('digits', 2);
    await models.promote('champion', 'should not pass');
    await expect(models.refusal).toBeVisible({ timeout: 90_000 });
    await expect(models.refusal).toContainText('accuracy');
    await expect(models.refusal).toContainText(/refused/i);
    await shoot(page, 'models-promote-refused');
    await models.closePromote();
    await expect(models.alias(models.versionPage, 'champion')).toHaveCount(0);

    // v3 is exact too: accepted
    await models.dropFolder(sharp);
    await models.registerExisting('digits');
    await models.expectVersionPage('digits', 3);
    // through the command palette this time: it offers the open version's actions
    await shell.runCommand('Promote digits v3');
    await models.fillPromote('champion', 'sharper weights');
    await expect(models.promoteDialog).toBeHidden({ timeout: 90_000 });
    await expect(models.alias(models.versionPage, 'champion')).toBeVisible();
    await shoot(page, 'models-version');

    // rollback puts champion back on v1 in one step; the timeline holds every move, newest first
    await models.rollback('champion', 'v3 misbehaves in production', 1);
    await expect(models.alias(models.versionPage, 'champion')).toHaveCount(0);
    await page.getByRole('button', { name: 'All versions of digits' }).click();
    await expect(models.alias(models.versionRow(1), 'champion')).toBeVisible();
    await expect(models.alias(models.versionRow(3), 'champion')).toHaveCount(0);
    // each promoted or refused row shows its gates' outcome, the failing gates on hover
    await expect(models.versionRow(1)).toContainText('gates passed');
    await expect(models.versionRow(2)).toContainText('2 gates failed');
    await expect(models.versionRow(2).locator('.status-bad')).toHaveAttribute('title', /accuracy >= 0\.9 — accuracy = 0/);
    await expect(models.events).toHaveCount(3);
    await expect(models.events.nth(0)).toContainText('rolled back');
    await expect(models.events.nth(0)).toContainText('v3 → v1');
    await expect(models.events.nth(0)).toContainText('v3 misbehaves in production');
    await expect(models.events.nth(1)).toContainText('v1 → v3');
    await expect(models.events.nth(2)).toContainText('new → v1');
    await shoot(page, 'models-timeline');

    // compare v1 and v2 from the model page: accuracy 1 → 0, shown as a change for the worse
    await models.compare(1, 2);
    const metrics = page.getByTestId('compare-metrics');
    await expect(metrics.getByRole('row', { name: /^accuracy/ })).toContainText('−1');
    await expect(metrics.getByRole('row', { name: /^accuracy/ }).locator('.km-worse')).toBeVisible();
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
