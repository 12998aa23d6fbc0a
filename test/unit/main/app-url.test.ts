import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAppUrl } from '../../../src/main/app-url.js';

// Hardening item 7: IPC and navigation trust exactly the app's own UI, not URLs that merely
// contain its folder name or start with the dev server's address. (Electron cannot run on the
// build machines; the function the IPC sender check and will-navigate use is tested directly.)
describe('isAppUrl compares exact origins and the exact packaged file', () => {
  const root = mkdtempSync(join(tmpdir(), 'kiln-appurl-'));
  const indexFile = join(root, 'app', 'out', 'renderer', 'index.html');
  mkdirSync(join(root, 'app', 'out', 'renderer'), { recursive: true });
  writeFileSync(indexFile, '<!doctype html>');
  // a page a hostile repository could put on disk, under a folder that is also called out/renderer
  const evil = join(root, 'cloned-repo', 'out', 'renderer', 'index.html');
  mkdirSync(join(root, 'cloned-repo', 'out', 'renderer'), { recursive: true });
  writeFileSync(evil, '<script>kiln.invoke(...)</script>');
  const packaged = { devServerUrl: undefined, indexFile };

  it('packaged: only the exact index.html (with any route in the hash or query)', () => {
    const url = pathToFileURL(indexFile).href;
    expect(isAppUrl(url, packaged)).toBe(true);
    expect(isAppUrl(`${url}#/runs/3`, packaged)).toBe(true);
    expect(isAppUrl(`${url}?x=1`, packaged)).toBe(true);
    expect(isAppUrl(pathToFileURL(evil).href, packaged)).toBe(false);
    expect(isAppUrl(pathToFileURL(join(root, 'app', 'out', 'renderer', 'other.html')).href, packaged)).toBe(false);
    expect(isAppUrl(`file:///tmp/x.html?/out/renderer/`, packaged)).toBe(false);
    expect(isAppUrl(`file://evil.example${pathToFileURL(indexFile).pathname}`, packaged)).toBe(false);
    expect(isAppUrl(`${pathToFileURL(join(root, 'app', 'out', 'renderer')).href}/../renderer/index.html`, packaged)).toBe(true);
    expect(isAppUrl('https://example.com/out/renderer/index.html', packaged)).toBe(false);
    expect(isAppUrl('not a url', packaged)).toBe(false);
  });

  it('development: only the dev server origin, not a host that starts with it', () => {
    const dev = { devServerUrl: 'http://localhost:5173', indexFile };
    expect(isAppUrl('http://localhost:5173/', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5173/#/datasets', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5173.evil.example/', dev)).toBe(false);
    expect(isAppUrl('http://localhost:51730/', dev)).toBe(false);
    expect(isAppUrl('http://localhost:5173@evil.example/', dev)).toBe(false);
    expect(isAppUrl('https://localhost:5173/', dev)).toBe(false);
    // in development the packaged file is not the UI
    expect(isAppUrl(pathToFileURL(indexFile).href, dev)).toBe(false);
  });
});
