import { expect, type Locator, type Page } from '@playwright/test';

/** The Models view: register by drop, versions, a version's page, promote and rollback dialogs, the alias timeline. */
export class ModelsPage {
  readonly registerDialog: Locator;
  readonly promoteDialog: Locator;
  readonly rollbackDialog: Locator;
  readonly timeline: Locator;
  readonly versionPage: Locator;

  constructor(readonly page: Page) {
    this.registerDialog = page.getByRole('dialog', { name: 'Register a model version' });
    this.promoteDialog = page.getByRole('dialog', { name: /^Promote / });
    this.rollbackDialog = page.getByRole('dialog', { name: /^Roll back an alias/ });
    this.timeline = page.getByTestId('alias-timeline');
    this.versionPage = page.getByTestId('model-version-page');
  }

  /** A real OS-style folder drop through Chromium's input pipeline (CDP Input.dispatchDragEvent with a path). */
  async dropFolder(dir: string): Promise<void> {
    const cdp = await this.page.context().newCDPSession(this.page);
    const data = { items: [], files: [dir], dragOperationsMask: 1 };
    const at = { x: 700, y: 400 };
    for (const type of ['dragEnter', 'dragOver', 'drop'] as const) await cdp.send('Input.dispatchDragEvent', { type, ...at, data });
    await cdp.detach();
  }

  /** Clicks Models in the rail and measures, in the page, until the frame that shows the first version row. */
  async openMeasured(): Promise<number> {
    return this.page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const btn = Array.from(document.querySelectorAll<HTMLButtonElement>('nav[aria-label="Views"] button')).find((b) =>
            b.textContent?.startsWith('Models'),
          );
          if (!btn) return reject(new Error('no Models button in the rail'));
          const t0 = performance.now();
          const done = () => document.querySelector('.km-row[data-version]');
          const obs = new MutationObserver(() => {
            if (!done()) return;
            obs.disconnect();
            requestAnimationFrame(() => resolve(performance.now() - t0));
          });
          obs.observe(document.body, { subtree: true, childList: true, attributes: true });
          setTimeout(() => reject(new Error('the versions table showed no row in 30 s')), 30_000);
          btn.click();
        }),
    );
  }

  /** Scrolls the virtualized versions table to its end. */
  async scrollVersionsToEnd(name: string): Promise<void> {
    await this.page.getByRole('grid', { name: `Versions of ${name}` }).evaluate((el) => (el.scrollTop = el.scrollHeight));
  }

  async registerNew(name: string, message = ''): Promise<void> {
    await expect(this.registerDialog).toBeVisible();
    await this.registerDialog.getByText('New model').click();
    await this.registerDialog.getByLabel('Model name').fill(name);
    if (message) await this.registerDialog.getByLabel('Message').fill(message);
    await this.registerDialog.getByRole('button', { name: `Register as ${name}` }).click();
  }

  async registerExisting(name: string): Promise<void> {
    await expect(this.registerDialog).toBeVisible();
    await this.registerDialog.getByText('Existing model').click();
    await this.registerDialog.getByRole('combobox', { name: 'Model' }).selectOption(name);
    await this.registerDialog.getByRole('button', { name: `Register as ${name}` }).click();
  }

  /** A register (and every version link) ends on the version's page. */
  async expectVersionPage(name: string, version: number, timeout = 60_000): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: `${name} v${version}` })).toBeVisible({ timeout });
  }

  async openVersion(version: number): Promise<void> {
    await this.page.getByTestId(`model-version-${version}`).click();
  }

  async openModel(name: string): Promise<void> {
    await this.page
      .getByRole('list', { name: 'Models' })
      .getByRole('button', { name: new RegExp(`^${name}\\b`) })
      .click();
  }

  async openPromote(): Promise<void> {
    await this.versionPage.getByRole('button', { name: 'Promote…' }).click();
    await expect(this.promoteDialog).toBeVisible();
  }

  /** Fills the dialog and presses Promote; the caller then expects acceptance or the refusal. */
  async promote(alias: string, reason: string): Promise<void> {
    await this.openPromote();
    await this.fillPromote(alias, reason);
  }

  /** Fills an open promote dialog and presses Promote. */
  async fillPromote(alias: string, reason: string): Promise<void> {
    await expect(this.promoteDialog).toBeVisible();
    await this.promoteDialog.getByLabel('Alias').fill(alias);
    await this.promoteDialog.getByLabel('Reason').fill(reason);
    await this.promoteDialog.getByRole('button', { name: `Promote to ${alias}` }).click();
  }

  /** From a model's page: two version numbers, then Compare. */
  async compare(a: number, b: number): Promise<void> {
    await this.page.getByLabel('Compare version A').fill(String(a));
    await this.page.getByLabel('Compare version B').fill(String(b));
    await this.page.getByRole('button', { name: 'Compare', exact: true }).click();
    await expect(this.page.getByTestId('model-compare')).toBeVisible();
  }

  get refusal(): Locator {
    return this.promoteDialog.getByTestId('promote-refused');
  }

  async closePromote(): Promise<void> {
    await this.promoteDialog.getByRole('button', { name: /^(Close|Cancel)$/ }).click();
    await expect(this.promoteDialog).toBeHidden();
  }

  async rollback(alias: string, reason: string, expectTo: number): Promise<void> {
    await this.page.getByRole('button', { name: 'Rollback…' }).click();
    await expect(this.rollbackDialog).toBeVisible();
    await this.rollbackDialog.getByLabel('Alias to roll back').selectOption(alias);
    await this.rollbackDialog.getByLabel('Rollback reason').fill(reason);
    await this.rollbackDialog.getByRole('button', { name: `Roll ${alias} back to v${expectTo}` }).click();
    await expect(this.rollbackDialog).toBeHidden();
  }

  /** Alias pills a version holds, on its page or its table row. */
  alias(scope: Locator, alias: string): Locator {
    return scope.getByTestId(`alias-${alias}`);
  }

  versionRow(version: number): Locator {
    return this.page.getByTestId(`model-version-${version}`);
  }

  /** Timeline entries, newest first. */
  get events(): Locator {
    return this.timeline.getByTestId('alias-event');
  }
}
