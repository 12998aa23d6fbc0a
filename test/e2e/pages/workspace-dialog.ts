import { expect, type Locator, type Page } from '@playwright/test';

/** The workspace dialog (welcome page or the switcher's picker): example, new workspace, folder browser, recent. */
export class WorkspaceDialog {
  readonly root: Locator;
  readonly path: Locator;
  readonly browser: Locator;

  constructor(
    readonly page: Page,
    root?: Locator,
  ) {
    this.root = root ?? page.locator('.ws-picker');
    this.path = this.root.getByLabel(/Workspace folder|New workspace folder/);
    this.browser = this.root.getByRole('group', { name: 'Folder browser' });
  }

  /** Opens the switcher's dialog when a workspace is open (the welcome page shows it already). */
  static async fromSwitcher(page: Page): Promise<WorkspaceDialog> {
    const button = page.locator('.ws-button');
    if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
    return new WorkspaceDialog(page, page.getByRole('dialog', { name: 'Open a workspace' }));
  }

  async openExample(): Promise<void> {
    await this.root.getByRole('button', { name: 'Open the example' }).click();
  }

  async submit(path: string): Promise<void> {
    await this.path.fill(path);
    await this.root.getByRole('button', { name: /^(Open|Create)$/ }).click();
  }

  async newWorkspace(path: string): Promise<void> {
    await this.root.getByRole('button', { name: 'New workspace' }).click();
    await expect(this.root.getByLabel('New workspace folder')).toBeVisible();
    await this.submit(path);
  }

  async browse(): Promise<void> {
    await this.root.getByRole('button', { name: 'Browse folders' }).click();
    await expect(this.browser).toBeVisible();
  }

  /** Enters a sub-folder of the one the browser shows. */
  async enterFolder(name: string): Promise<void> {
    await this.browser
      .getByRole('list', { name: 'Folders' })
      .getByRole('button', { name: new RegExp(`^${name}`) })
      .click();
  }

  error(): Locator {
    return this.root.getByRole('alert');
  }

  removeRecent(name: string): Locator {
    return this.root.getByRole('button', { name: `Remove ${name} from the list` });
  }
}
