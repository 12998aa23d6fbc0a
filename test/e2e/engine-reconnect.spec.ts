import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { startKilnServer, type KilnServer } from './fixtures/kiln-server.js';
import { DockerSocketProxy } from '../helpers/socket-proxy.js';
import { ShellPage } from './pages/shell-page.js';

// This test owns a socket proxy and points Kiln at it; the shared dockerd is never stopped.
const test = base.extend<{ dockerProxy: DockerSocketProxy; kiln: KilnServer }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their dependencies
  dockerProxy: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'kiln-e2e-proxy-'));
    const proxy = new DockerSocketProxy(join(dir, 'docker.sock'));
    await proxy.open();
    await use(proxy);
    await proxy.close();
    rmSync(dir, { recursive: true, force: true });
  },
  kiln: async ({ dockerProxy: proxy }, use) => {
    const server = await startKilnServer({ env: { DOCKER_HOST: proxy.dockerHost } });
    await use(server);
    await server.stop();
  },
});

test('the status bar follows the engine going away and coming back within 5 s', async ({ page, kiln, dockerProxy: proxy }) => {
  const shell = new ShellPage(page);
  await shell.open(kiln.url);
  await shell.expectEngineConnected();
  await expect(shell.engineStatus).toHaveAttribute('title', new RegExp(proxy.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));

  await proxy.close();
  await shell.expectEngineUnreachable(5000);
  // the exact sentence from engine:status: where Kiln looked and what to do
  await expect(shell.engineStatus).toContainText(proxy.path);
  await expect(shell.engineStatus).toContainText(/start Docker|dockerd/);
  await page.screenshot({ path: test.info().outputPath('engine-unreachable.png') });

  await proxy.open();
  await shell.expectEngineConnected(5000);
});

test('start-up never waits for a missing engine', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-e2e-noengine-'));
  const server = await startKilnServer({ env: { DOCKER_HOST: `unix://${join(dir, 'nothing.sock')}` } });
  try {
    const shell = new ShellPage(page);
    await shell.open(server.url);
    await shell.expectEngineUnreachable();
    await expect(shell.engineStatus).toContainText('nothing.sock');
    // the rest of the app works without it
    await shell.expectWorkspace('ws');
    await shell.go('Settings');
    await expect(page.getByTestId('engine-panel').getByRole('alert')).toContainText('nothing.sock');
    await page.screenshot({ path: test.info().outputPath('settings-no-engine.png') });
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
