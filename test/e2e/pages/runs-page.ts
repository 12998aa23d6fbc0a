import { expect, type Locator, type Page } from '@playwright/test';

/** Runs table, run page and compare, as a user drives them; timings are taken inside Chromium. */
export class RunsPage {
  readonly table: Locator;
  readonly total: Locator;
  readonly filter: Locator;
  readonly filterError: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole('grid', { name: 'runs' });
    this.total = page.getByTestId('runs-total');
    this.filter = page.getByLabel('Filter runs');
    this.filterError = page.getByTestId('filter-error');
  }

  /**
   * Clicks Runs in the rail and returns the milliseconds, measured in the page, until the first
   * row of the table is in the DOM and painted.
   */
  async openMeasured(): Promise<number> {
    return this.page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const btn = Array.from(document.querySelectorAll<HTMLButtonElement>('nav[aria-label="Views"] button')).find((b) => b.textContent?.startsWith('Runs'));
          if (!btn) return reject(new Error('no Runs button in the rail'));
          const t0 = performance.now();
          const done = () => document.querySelector('.kr-row[data-run]');
          const obs = new MutationObserver(() => {
            if (!done()) return;
            obs.disconnect();
            // the frame after the rows exist is the one that shows them
            requestAnimationFrame(() => resolve(performance.now() - t0));
          });
          obs.observe(document.body, { subtree: true, childList: true, attributes: true });
          setTimeout(() => reject(new Error('the runs table showed no row in 30 s')), 30_000);
          btn.click();
        }),
    );
  }

  rows(): Locator {
    return this.table.locator('.kr-row[data-run]');
  }

  row(text: string | RegExp): Locator {
    return this.rows().filter({ hasText: text });
  }

  header(title: string): Locator {
    return this.table.getByRole('columnheader', { name: title, exact: true });
  }

  async applyFilter(expr: string): Promise<void> {
    await this.filter.fill(expr);
    await this.filter.press('Enter');
  }

  async expectTotal(n: number, matching = false): Promise<void> {
    await expect(this.total).toHaveText(new RegExp(`^${n.toLocaleString('en-US')} ${matching ? 'matching ' : ''}runs?$`));
  }

  async select(rowIndex: number): Promise<string> {
    const row = this.rows().nth(rowIndex);
    await row.getByRole('checkbox').check();
    return (await row.getAttribute('data-run'))!;
  }

  async scrollToEnd(): Promise<void> {
    await this.table.evaluate((el) => (el.scrollTop = el.scrollHeight));
  }

  async chooseColumn(title: string, shown: boolean): Promise<void> {
    await this.page.getByRole('button', { name: 'Columns' }).click();
    const pop = this.page.getByRole('dialog', { name: 'Choose columns' });
    await pop.getByRole('checkbox', { name: title, exact: true }).setChecked(shown);
    await this.page.keyboard.press('Escape');
  }

  /** On a run page: clicks the metric and returns the ms until its large chart has drawn the data. */
  async openMetricMeasured(metric: string): Promise<number> {
    return this.page.evaluate(
      (m) =>
        new Promise<number>((resolve, reject) => {
          const link = document.querySelector<HTMLElement>(`[data-testid="metric-${m}"]`);
          if (!link) return reject(new Error(`no metric ${m} on the page`));
          const drawn = () => document.querySelector(`[data-testid="focused-chart"] [data-metric="${m}"][data-drawn]`);
          const t0 = performance.now();
          const obs = new MutationObserver(() => {
            if (!drawn()) return;
            obs.disconnect();
            requestAnimationFrame(() => resolve(performance.now() - t0));
          });
          obs.observe(document.body, { subtree: true, childList: true, attributes: true });
          setTimeout(() => reject(new Error(`the ${m} chart was not drawn in 30 s`)), 30_000);
          link.click();
        }),
      metric,
    );
  }

  focusedChart(): Locator {
    return this.page.getByTestId('focused-chart').locator('.kc-chart');
  }

  chart(metric: string): Locator {
    return this.page.getByTestId(`chart-${metric}`);
  }

  /** Drags across the plot from `from` to `to` (fractions of its width) to zoom in on x. */
  async zoom(chart: Locator, from: number, to: number): Promise<void> {
    const over = chart.locator('.u-over');
    const box = (await over.boundingBox())!;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + box.width * from, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + box.width * ((from + to) / 2), y, { steps: 3 });
    await this.page.mouse.move(box.x + box.width * to, y, { steps: 3 });
    await this.page.mouse.up();
  }
}
