import { expect, type Locator, type Page } from '@playwright/test';

/** Deploy from a model version, the Deployments view (list, a deployment with live charts), its Rollback dialog, Settings' targets. */
export class DeploymentsPage {
  readonly deployDialog: Locator;
  readonly rollbackDialog: Locator;
  readonly deploymentPage: Locator;
  readonly targetsPanel: Locator;

  constructor(readonly page: Page) {
    this.deployDialog = page.getByRole('dialog', { name: /^Deploy / });
    this.rollbackDialog = page.getByRole('dialog', { name: /^Roll back .* on / });
    this.deploymentPage = page.getByTestId('deployment-page');
    this.targetsPanel = page.getByTestId('targets-panel');
  }

  /** Adds a host-mode Swarm target in Settings (the routing mesh does not work on the test machines). */
  async addSwarmTarget(name: string, registry: string, baseImage: string): Promise<void> {
    const p = this.targetsPanel;
    await p.getByLabel('Target name').fill(name);
    await p.getByLabel('Target kind').selectOption('swarm');
    await p.getByLabel('Target registry').fill(registry);
    await p.getByLabel('Base image').fill(baseImage);
    await p.getByLabel('Publish mode').selectOption('host');
    await p.getByRole('button', { name: 'Add target' }).click();
    await expect(p.locator('dt', { hasText: name })).toBeVisible();
  }

  /** On a model version page: Deploy…, target and port, Deploy; returns once the phases show. */
  async startDeploy(target: string, port: number, memory = ''): Promise<void> {
    await this.page.getByRole('button', { name: 'Deploy…' }).click();
    await expect(this.deployDialog).toBeVisible();
    await this.deployDialog.getByLabel('Target').selectOption(target);
    await this.deployDialog.getByLabel('Port').fill(String(port));
    await this.deployDialog.getByLabel('Memory').fill(memory);
    await this.deployDialog.getByTestId('start-deploy').click();
    await expect(this.deployDialog.getByTestId('deploy-phases')).toBeVisible();
  }

  async expectDeployResult(status: 'live' | 'rolled-back', timeout: number): Promise<void> {
    const r = this.deployDialog.getByTestId('deploy-result');
    await expect(r).toBeVisible({ timeout });
    await expect(r).toHaveAttribute('data-status', status);
  }

  /** The number of points a live chart draws. */
  async chartPoints(testId: string): Promise<number> {
    return Number(await this.deploymentPage.getByTestId(testId).getAttribute('data-points'));
  }

  /** The legend's latest value of a live chart, as a number (NaN for "—"). */
  async chartValue(testId: string): Promise<number> {
    const t = await this.deploymentPage.getByTestId(testId).locator('.kc-legend-value').first().textContent();
    return Number.parseFloat((t ?? '').replace(/[^\d.eE+-]/g, ''));
  }
}
