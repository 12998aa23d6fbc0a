import { expect, type Locator, type Page } from '@playwright/test';

/** The Pipelines view: DAG, Run/Cancel, the selected stage's log, GPUs, problems. */
export class PipelinesPage {
  readonly runButton: Locator;
  readonly cancelButton: Locator;
  readonly force: Locator;
  readonly runStatus: Locator;
  readonly log: Locator;
  readonly issues: Locator;
  /** a stage image that cannot be had, with "Build a local node image" when it is a node image */
  readonly imageProblem: Locator;
  readonly buildLocalImage: Locator;
  /** the quiet line saying which local image stands in for one that could not be pulled */
  readonly imageNote: Locator;

  constructor(readonly page: Page) {
    const bar = page.getByRole('toolbar', { name: 'pipeline actions' });
    this.runButton = bar.getByRole('button', { name: 'Run', exact: true });
    this.cancelButton = bar.getByRole('button', { name: 'Cancel' });
    this.force = bar.getByLabel('Force');
    this.runStatus = page.getByTestId('run-status');
    this.log = page.locator('.kp-log');
    this.issues = page.getByRole('alert', { name: 'pipeline problems' });
    this.imageProblem = page.getByRole('alert').filter({ hasText: /cannot be had on this machine/ });
    this.buildLocalImage = page.getByRole('button', { name: 'Build a local node image' });
    this.imageNote = page.locator('.kp-image-note');
  }

  stage(name: string): Locator {
    return this.page.getByTestId(`stage-${name}`);
  }

  async expectStage(name: string, state: string, timeout?: number): Promise<void> {
    await expect(this.stage(name)).toHaveAttribute('data-state', state, { timeout });
    await expect(this.stage(name)).toContainText(state.replace('_', ' '));
  }

  async expectRun(status: string, timeout?: number): Promise<void> {
    // a run ending otherwise says why in the toolbar and on the failed stage: put that in the failure
    await expect(this.runStatus).toContainText(new RegExp(`${status}|failed|cancelled|interrupted`), { timeout });
    const why = [await this.page.locator('.kp-run-error').allTextContents(), await this.page.locator('.kp-stage-error').allTextContents()].flat().join(' / ');
    await expect(this.runStatus, why).toContainText(status, { timeout: 1 });
  }

  /** Waits until the toolbar shows run number `n`, so a status check is not answered by the previous run. */
  async expectRunNumber(n: number, timeout?: number): Promise<void> {
    await expect(this.page.getByRole('toolbar', { name: 'pipeline actions' }).getByRole('button', { name: `Run #${n}` })).toBeVisible({ timeout });
  }

  /** Lines ever received by the open log (the ring keeps the newest). */
  async logLines(): Promise<number> {
    return Number(await this.log.getAttribute('data-lines'));
  }
}

/** The in-app kiln.yaml editor of the Pipelines view. */
export class SpecEditorPanel {
  readonly root: Locator;
  readonly text: Locator;
  readonly completions: Locator;
  readonly problems: Locator;
  readonly count: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('region', { name: 'kiln.yaml editor' });
    this.text = this.root.getByLabel('kiln.yaml text');
    this.completions = this.root.getByRole('listbox', { name: 'Completions' });
    this.problems = this.root.getByRole('list', { name: 'Problems in the text' });
    this.count = this.root.getByRole('status');
  }

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: 'Edit kiln.yaml' }).click();
    await expect(this.text).toBeEnabled();
  }

  /** Puts the caret at the end of the text and types, as a person would. */
  async typeAtEnd(s: string): Promise<void> {
    await this.text.focus();
    await this.page.keyboard.press('Control+End');
    await this.page.keyboard.type(s);
  }

  async save(): Promise<void> {
    await this.root.getByRole('button', { name: 'Save' }).click();
    await expect(this.root.getByText('saved', { exact: true })).toBeVisible();
  }
}
