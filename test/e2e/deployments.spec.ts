import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/test.js';
import { ShellPage } from './pages/shell-page.js';
import { DeploymentsPage } from './pages/deployments-page.js';
import { dockerAvailable } from '../helpers/docker.js';
import { makeModel } from '../helpers/tfjs-models.js';
import { nodeImage } from '../helpers/test-images.js';
import { freePort, startRegistry } from '../helpers/throwaway-registry.js';
import { ensureSwarm, removeServicesOf } from '../helpers/swarm.js';

async function shoot(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const path = test.info().outputPath(`${name}-${scheme}.png`);
    await page.screenshot({ path });
    await test.info().attach(`${name} (${scheme})`, { path, contentType: 'image/png' });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

interface ProgressSeen {
  phase: string;
  figures: string;
  indeterminate: boolean;
  valueNow: string | null;
}

/** Records every state the deploy dialog's progress bar takes, however briefly (the build can be quick). */
async function watchProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: ProgressSeen[] = [];
    (window as unknown as { kilnProgressSeen: ProgressSeen[] }).kilnProgressSeen = seen;
    const record = () => {
      const bar = document.querySelector('dialog[open] [role="progressbar"]');
      if (!bar) return;
      const s = {
        phase: bar.querySelector('.progress-phase')?.textContent ?? '',
        figures: bar.querySelector('.progress-figures')?.textContent ?? '',
        indeterminate: bar.querySelector('.progress-indeterminate') !== null,
        valueNow: bar.getAttribute('aria-valuenow'),
      };
      const last = seen[seen.length - 1];
      if (!last || JSON.stringify(last) !== JSON.stringify(s)) seen.push(s);
    };
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

async function progressSeen(page: Page): Promise<ProgressSeen[]> {
  return page.evaluate(() => (window as unknown as { kilnProgressSeen: ProgressSeen[] }).kilnProgressSeen);
}

/** Real `kiln serve`, real Swarm on the engine, a real registry, real TF.js models served over OIP v2. */
test('deploy from the UI to Swarm, automatic rollback shown, live charts, rollback and remove from the UI', async ({ page, kiln }) => {
  test.setTimeout(600_000);
  // under CI=true a missing engine throws here: a failure, not a skip
  test.skip(!(await dockerAvailable()), 'no Docker engine answers');
  const docker = new Docker();
  await ensureSwarm(docker);
  const scratch = mkdtempSync(join(tmpdir(), 'kiln-e2e-deploy-'));
  const reg = await startRegistry();
  const port = await freePort();
  let load: ReturnType<typeof setInterval> | undefined;
  const served = async () => {
    const r = await fetch(`http://127.0.0.1:${port}/v2/models/digits`, { signal: AbortSignal.timeout(3000) }).catch(() => null);
    return r?.ok ? ((await r.json()) as { versions: string[] }).versions.join(',') : null;
  };
  const infer = () =>
    fetch(`http://127.0.0.1:${port}/v2/models/digits/infer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ inputs: [{ name: 'input', shape: [2, 2], datatype: 'FP32', data: [0.9, 0.1, 0.1, 0.9] }] }),
      signal: AbortSignal.timeout(3000),
    }).catch(() => null);
  try {
    for (const n of [1, 2]) {
      const r = await kiln.cli(['models', 'register', await makeModel(join(scratch, `m${n}`), 'good'), '--name', 'digits']);
      expect(r.code, r.stderr).toBe(0);
    }
    const shell = new ShellPage(page);
    const dp = new DeploymentsPage(page);
    await shell.open(kiln.url);

    // a target from Settings
    await shell.go('Settings');
    await dp.addSwarmTarget('local', `${reg.host}/kiln`, await nodeImage());
    await dp.addSwarmTarget('spare', `${reg.host}/spare`, await nodeImage());
    await dp.targetsPanel.getByRole('button', { name: 'Remove target spare' }).click();
    await expect(dp.targetsPanel.locator('dt', { hasText: 'spare' })).toHaveCount(0);

    // v1 from its version page: phases while it runs, then live with its URL
    await page.goto(`${kiln.url}#/models?model=digits&version=1`);
    await watchProgress(page);
    await dp.startDeploy('local', port);
    await expect(dp.deployDialog.locator('.dp-phases li.active')).toBeVisible({ timeout: 60_000 });
    await shoot(page, 'deploy-progress');
    await dp.expectDeployResult('live', 240_000);
    // the image build has no bytes to count: its phase in words over a moving bar, never "0 B"
    const seen = await progressSeen(page);
    const building = seen.filter((s) => s.phase === 'building image…');
    expect(building.length, JSON.stringify(seen)).toBeGreaterThan(0);
    for (const s of building) expect(s).toMatchObject({ indeterminate: true, valueNow: null, figures: '' });
    expect(seen.filter((s) => /\b0 B\b/.test(s.figures))).toEqual([]);
    await expect(dp.deployDialog.getByTestId('deploy-result')).toContainText(`http://127.0.0.1:${port}`);
    expect(await served()).toBe('1');
    await shoot(page, 'deploy-live');

    // its page: served version, healthy replica, and the live charts fill while requests arrive
    await dp.deployDialog.getByRole('button', { name: /^Open deployment #/ }).click();
    await expect(dp.deploymentPage).toHaveAttribute('data-status', 'live');
    await expect(dp.deploymentPage.getByTestId('served-version')).toHaveText('v1');
    await expect(dp.deploymentPage.getByTestId('replica-table')).toContainText('healthy');
    load = setInterval(() => void infer(), 100);
    await expect.poll(() => dp.chartPoints('chart-request-rate'), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    await expect.poll(() => dp.chartValue('chart-request-rate'), { timeout: 15_000 }).toBeGreaterThan(1);
    await expect.poll(() => dp.chartValue('chart-latency'), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await dp.chartValue('chart-error-rate')).toBe(0);
    await shoot(page, 'deployment-live-charts');
    clearInterval(load);
    load = undefined;

    // v2 with 8 MiB never gets healthy: rolled back by itself, the dialog says why, v1 keeps serving
    await page.goto(`${kiln.url}#/models?model=digits&version=2`);
    await dp.startDeploy('local', port, '8m');
    await dp.expectDeployResult('rolled-back', 240_000);
    await expect(dp.deployDialog.locator('.dp-phases li.failed')).toHaveText('roll-out & health');
    await expect(dp.deployDialog.getByTestId('deploy-result')).toContainText(/Rolled back: .*roll/);
    await shoot(page, 'deploy-rolled-back');
    for (let i = 0; i < 60 && (await served()) !== '1'; i++) await new Promise((r) => setTimeout(r, 1000));
    expect(await served()).toBe('1');
    await dp.deployDialog.getByRole('button', { name: 'Close' }).click();

    // v2 with room to run replaces it
    await dp.startDeploy('local', port);
    await dp.expectDeployResult('live', 240_000);
    expect(await served()).toBe('2');
    await dp.deployDialog.getByRole('button', { name: /^Open deployment #/ }).click();
    await expect(dp.deploymentPage.getByTestId('served-version')).toHaveText('v2');
    await expect(dp.deploymentPage.getByTestId('deployment-history')).toContainText('superseded');

    // Rollback…: confirm, progress, result; v1 serves again and the list says so
    await dp.deploymentPage.getByRole('button', { name: 'Rollback…' }).click();
    await expect(dp.rollbackDialog).toContainText('digits v1');
    await dp.rollbackDialog.getByTestId('confirm-rollback').click();
    await expect(dp.rollbackDialog.getByTestId('confirm-rollback')).toHaveText('Rolling back…');
    await expect(dp.rollbackDialog.getByTestId('rollback-result')).toContainText('digits v1 serves again', { timeout: 180_000 });
    expect(await served()).toBe('1');
    await shoot(page, 'rollback-done');
    await dp.rollbackDialog.getByRole('button', { name: /^Open deployment #/ }).click();
    await expect(dp.deploymentPage).toHaveAttribute('data-status', 'live');
    await expect(dp.deploymentPage.getByTestId('served-version')).toHaveText('v1');
    await shell.go('Deployments');
    const row = page.getByTestId('deployment-row-digits-local');
    await expect(row).toContainText('live');
    await expect(row).toContainText('v1');
    await expect(row.getByTestId('replicas-healthy')).toHaveText('1/1');
    await shoot(page, 'deployments-list');

    // Remove…: the service goes, the record stays as removed
    const mine = { filters: { label: [`kiln.workspace=${kiln.workspace}`] } };
    expect((await docker.listServices(mine)).length).toBe(1);
    await row.click();
    await dp.deploymentPage.getByRole('button', { name: 'Remove…' }).click();
    await page
      .getByRole('dialog', { name: /^Remove deployment/ })
      .getByTestId('confirm-remove')
      .click();
    await expect(dp.deploymentPage).toHaveAttribute('data-status', 'removed');
    expect((await docker.listServices(mine)).length).toBe(0);
  } finally {
    if (load) clearInterval(load);
    await removeServicesOf(docker, kiln.workspace);
    await removeServicesOf(docker, realpathSync(kiln.workspace)).catch(() => undefined);
    reg.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
});
