import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test, expect, _electron as electron } from '@playwright/test';
import type { KilnBridge } from '../../../src/shared/bridge.js';
import { electronBinary } from './electron-binary.js';

// page.evaluate bodies run in the window; the node tsconfig has no DOM types, so reach it through globalThis.
type Win = { kiln?: KilnBridge; require?: unknown; process?: unknown };

const binary = electronBinary();

test.describe('Electron app', () => {
  test.skip(!binary, 'Electron binary not installed here');

  test('opens a hardened window with window.kiln and refuses unknown operations', async () => {
    const base = mkdtempSync(join(tmpdir(), 'kiln-e2e-electron-'));
    const app = await electron.launch({
      executablePath: binary!,
      args: [resolve('out/main/index.js'), '--no-sandbox'],
      env: { ...process.env, KILN_HOME: join(base, 'home'), KILN_WORKSPACE: join(base, 'ws') },
    });
    try {
      const win = await app.firstWindow();
      await expect(win.getByRole('navigation', { name: 'Views' })).toBeVisible();
      const exposed = await win.evaluate(() => {
        const g = globalThis as unknown as Win;
        return { kiln: typeof g.kiln === 'object' && typeof g.kiln?.invoke === 'function', require: typeof g.require, process: typeof g.process };
      });
      expect(exposed).toEqual({ kiln: true, require: 'undefined', process: 'undefined' });
      const refused = await win.evaluate(() =>
        ((globalThis as unknown as Win).kiln!.invoke as (n: string, i: unknown) => Promise<unknown>)('fs:readFile', { path: '/etc/passwd' }),
      );
      expect(refused).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
      const info = await win.evaluate(() => (globalThis as unknown as Win).kiln!.invoke('app:info', {}));
      expect(info).toMatchObject({ ok: true, value: { host: 'electron' } });
    } finally {
      await app.close().catch(() => undefined);
      rmSync(base, { recursive: true, force: true });
    }
  });
});
