import { expect, type Locator, type Page } from '@playwright/test';

export type ViewLabel = 'Datasets' | 'Pipelines' | 'Runs' | 'Models' | 'Deployments' | 'Settings';

/** The frame every view lives in: rail, workspace switcher, status bar, command palette. */
export class ShellPage {
  readonly engineStatus: Locator;
  readonly gpuStatus: Locator;
  readonly workspaceButton: Locator;
  readonly rail: Locator;
  /** the theme toggle: its name says the choice in force ("Theme: System") */
  readonly theme: Locator;

  constructor(readonly page: Page) {
    this.engineStatus = page.getByTestId('engine-status');
    this.gpuStatus = page.getByTestId('gpu-status');
    this.workspaceButton = page.locator('.ws-button');
    this.rail = page.getByRole('navigation', { name: 'Views' });
    this.theme = page.getByRole('button', { name: /^Theme: / });
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.rail).toBeVisible();
  }

  async go(view: ViewLabel): Promise<void> {
    await this.rail.getByRole('button', { name: new RegExp(`^${view}`) }).click();
  }

  async expectEngineConnected(timeout?: number): Promise<void> {
    await expect(this.engineStatus).toHaveAttribute('data-state', 'connected', { timeout });
    await expect(this.engineStatus).toContainText('Engine connected');
    await expect(this.engineStatus).toContainText(/Docker \d+\.\d+/);
  }

  async expectEngineUnreachable(timeout?: number): Promise<void> {
    await expect(this.engineStatus).toHaveAttribute('data-state', 'unreachable', { timeout });
    await expect(this.engineStatus).toContainText('Engine unreachable');
  }

  /** Opens the switcher's picker, types a path and presses Open. */
  async openWorkspace(path: string): Promise<void> {
    if ((await this.workspaceButton.getAttribute('aria-expanded')) !== 'true') await this.workspaceButton.click();
    const picker = this.page.getByRole('dialog', { name: 'Open a workspace' });
    await picker.getByLabel('Workspace folder').fill(path);
    await picker.getByRole('button', { name: 'Open', exact: true }).click();
  }

  /** The picker on the welcome page (no workspace open). */
  async openWorkspaceFromWelcome(path: string): Promise<void> {
    const welcome = this.page.locator('.welcome');
    await welcome.getByLabel('Workspace folder').fill(path);
    await welcome.getByRole('button', { name: 'Open', exact: true }).click();
  }

  async expectWorkspace(name: string): Promise<void> {
    await expect(this.page.locator('.ws-name')).toHaveText(name);
  }

  async runCommand(text: string): Promise<void> {
    await this.page.keyboard.press('Control+k');
    const palette = this.page.getByRole('dialog', { name: 'Command palette' });
    await palette.getByLabel('Command').fill(text);
    await this.page.keyboard.press('Enter');
    await expect(palette).toBeHidden();
  }
}
