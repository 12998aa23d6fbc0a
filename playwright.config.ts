import { defineConfig } from '@playwright/test';

// Debian's Chromium drives the real UI against a real `kiln serve`; `npx playwright install` cannot run here.
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-dev-shm-usage'];

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/e2e',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'test-results/e2e-report.json' }]] : [['list']],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1360, height: 860 },
  },
  projects: [
    {
      name: 'web',
      testIgnore: /electron\//,
      use: {
        browserName: 'chromium',
        launchOptions: { executablePath: process.env.KILN_CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs },
      },
    },
    { name: 'electron', testMatch: /electron\/.*\.spec\.ts/ },
  ],
});
