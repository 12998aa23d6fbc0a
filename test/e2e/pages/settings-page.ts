import { expect, type Locator, type Page } from '@playwright/test';

/** Settings: engine details and the GPU panel. */
export class SettingsPage {
  readonly engine: Locator;
  readonly gpus: Locator;

  constructor(readonly page: Page) {
    this.engine = page.getByTestId('engine-panel');
    this.gpus = page.getByTestId('gpu-panel');
  }

  async expectEngineDetails(): Promise<void> {
    await expect(this.engine).toContainText('connected');
    for (const label of ['Version', 'API', 'OS', 'CPUs', 'Memory', 'Runtimes', 'GPU support', 'Images', 'Containers']) {
      await expect(this.engine.locator('dt', { hasText: new RegExp(`^${label}$`) })).toBeVisible();
    }
    // filled from engine:info, not placeholders
    await expect(this.engine.locator('dt:has-text("CPUs") + dd')).toHaveText(/^\d+$/);
    await expect(this.engine.locator('dt:has-text("Memory") + dd')).toHaveText(/\d.*(MiB|GiB|TiB)/);
  }

  /** Either a table of GPUs or the reason there are none. */
  async gpuState(): Promise<{ gpus: number; reason: string | null }> {
    await expect(this.gpus.locator('table, [data-testid="gpu-reason"]')).toBeVisible();
    const reason = this.gpus.getByTestId('gpu-reason');
    if (await reason.isVisible()) return { gpus: 0, reason: (await reason.innerText()).trim() };
    return { gpus: await this.gpus.locator('tbody tr').count(), reason: null };
  }
}
