import { expect, type Locator, type Page } from '@playwright/test';

/** The Datasets view: drop or choose a folder, the add dialog, versions, a version's files, the diff. */
export class DatasetsPage {
  readonly dialog: Locator;
  readonly preview: Locator;
  readonly stats: Locator;
  readonly diff: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Add a dataset version' });
    this.preview = page.getByTestId('file-preview');
    this.stats = page.getByTestId('column-stats');
    this.diff = page.getByTestId('diff-page');
  }

  /** The "Choose folder…" picker: a hidden <input webkitdirectory> that ends in the same upload code as a drop. */
  async chooseFolder(dir: string): Promise<void> {
    await this.page.getByTestId('folder-input').setInputFiles(dir);
  }

  /**
   * A real OS-style drop of a folder onto the window, through Chromium's input pipeline (CDP
   * Input.dispatchDragEvent with file paths): the page sees DataTransfer items whose
   * webkitGetAsEntry() is a directory, exactly as when a user drags a folder in.
   */
  async dropFolder(dir: string): Promise<void> {
    const cdp = await this.page.context().newCDPSession(this.page);
    const data = { items: [], files: [dir], dragOperationsMask: 1 };
    const at = { x: 700, y: 400 };
    for (const type of ['dragEnter', 'dragOver', 'drop'] as const) {
      await cdp.send('Input.dispatchDragEvent', { type, ...at, data });
    }
    await cdp.detach();
  }

  async addNew(dataset: string, message: string): Promise<void> {
    await expect(this.dialog).toBeVisible();
    await this.dialog.getByText('New dataset').click();
    await this.dialog.getByLabel('Dataset name').fill(dataset);
    await this.dialog.getByLabel('Message').fill(message);
    await this.dialog.getByRole('button', { name: `Create dataset ${dataset}` }).click();
  }

  async addToExisting(dataset: string, message: string): Promise<void> {
    await expect(this.dialog).toBeVisible();
    await this.dialog.getByText('Existing dataset').click();
    await this.dialog.getByRole('combobox', { name: 'Dataset' }).selectOption(dataset);
    await this.dialog.getByLabel('Message').fill(message);
    await this.dialog.getByRole('button', { name: `Add version to ${dataset}` }).click();
  }

  /** The add navigates to the new version's page. */
  async expectVersionPage(dataset: string, version: number, timeout = 90_000): Promise<void> {
    await expect(this.page.getByRole('heading', { name: `${dataset} v${version}` })).toBeVisible({ timeout });
  }

  /** The tree is virtualized: scroll it until the file's row exists, then click it. */
  async openFile(name: string): Promise<void> {
    const list = this.page.getByRole('list', { name: 'Files' });
    const row = list.getByRole('button', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });
    await expect(list.getByRole('listitem').first()).toBeVisible();
    for (let i = 0; i < 500 && !(await row.isVisible()); i++) {
      const moved = await list.evaluate((el) => {
        const before = el.scrollTop;
        el.scrollTop += el.clientHeight * 0.8;
        return el.scrollTop !== before;
      });
      if (!moved) break;
    }
    await row.click();
  }

  async openDataset(dataset: string): Promise<void> {
    await this.page
      .getByRole('list', { name: 'Datasets' })
      .getByRole('button', { name: new RegExp(`^${dataset}\\b`) })
      .click();
  }

  versionRow(version: number): Locator {
    return this.page.getByTestId(`version-row-${version}`);
  }

  async openDiff(from: number, to: number): Promise<void> {
    await this.page.getByLabel('From version').selectOption(String(from));
    await this.page.getByLabel('To version').selectOption(String(to));
    await this.page.getByRole('button', { name: 'Diff', exact: true }).click();
    await expect(this.diff).toBeVisible();
  }

  diffCount(kind: 'added' | 'removed' | 'modified' | 'renamed' | 'unchanged'): Locator {
    return this.page.getByTestId(`diff-${kind}`).locator('.diff-stat-value');
  }

  diffRow(path: string): Locator {
    return this.page.getByRole('list', { name: 'Changed files' }).getByRole('listitem').filter({ hasText: path });
  }
}

/** Slows the page's uploads (Chromium's network emulation), so a test can watch and cancel one. */
export async function throttleUploads(page: Page, bytesPerSecond: number): Promise<() => Promise<void>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: bytesPerSecond });
  return async () => {
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await cdp.detach();
  };
}
