import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Request } from '@playwright/test';
import { test, expect } from './fixtures/test.js';
import { ShellPage } from './pages/shell-page.js';
import { DatasetsPage } from './pages/datasets-page.js';

test('a browser upload sends only what the store lacks: the same folder again uploads 0 bytes and adds no version; one changed file is the only one sent', async ({
  page,
  kiln,
}, testInfo) => {
  test.setTimeout(180_000);
  const scratch = mkdtempSync(join(tmpdir(), 'kiln-e2e-dedup-'));
  try {
    const dir = join(scratch, 'photos');
    mkdirSync(join(dir, 'raw'), { recursive: true });
    writeFileSync(join(dir, 'labels.csv'), 'id,label\n1,cat\n2,dog\n');
    writeFileSync(join(dir, 'raw', 'big.bin'), randomBytes(3 * 1024 * 1024));
    writeFileSync(join(dir, 'raw', 'small.bin'), randomBytes(1000));

    // every file PUT to the upload route, by path
    const puts: string[] = [];
    page.on('request', (r: Request) => {
      if (r.method() === 'PUT' && r.url().includes('/api/upload/')) puts.push(new URL(r.url()).searchParams.get('path') ?? '?');
    });
    const versions = async () => {
      const r = await kiln.cli(['data', 'log', 'photos', '--json']);
      expect(r.code, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as unknown[]).length;
    };

    const shell = new ShellPage(page);
    const data = new DatasetsPage(page);
    await shell.open(kiln.url);
    await data.chooseFolder(dir);
    await data.addNew('photos', 'first');
    await data.expectVersionPage('photos', 1);
    expect(puts.sort()).toEqual(['labels.csv', 'raw/big.bin', 'raw/small.bin']);

    // the same folder again: hashed in the browser, nothing sent, no new version
    puts.length = 0;
    await data.chooseFolder(dir);
    await data.addToExisting('photos', 'again');
    await expect(page.getByTestId('ingest-notice')).toContainText('No changes — version 1 of photos already holds this content');
    expect(puts).toEqual([]);
    expect(await versions()).toBe(1);
    await testInfo.attach('same folder again: no changes', { body: await page.screenshot(), contentType: 'image/png' });

    // one file changed: only it is sent; the others are taken from the store
    writeFileSync(join(dir, 'labels.csv'), 'id,label\n1,cat\n2,dog\n3,bird\n');
    puts.length = 0;
    await data.chooseFolder(dir);
    await data.addToExisting('photos', 'a bird');
    await data.expectVersionPage('photos', 2);
    expect(puts).toEqual(['labels.csv']);
    await expect(page.getByTestId('ingest-notice')).toContainText('Sent 1 file (28 B) of 3 files; 2 files (3.00 MiB) the store already held.');
    expect(await versions()).toBe(2);
    const tree = await kiln.cli(['data', 'show', 'photos@2', '--json']);
    expect(tree.stdout).toContain('raw/big.bin');
    // the version's files check out byte for byte, the ones never re-sent included
    const out = join(scratch, 'out');
    const co = await kiln.cli(['data', 'checkout', 'photos@2', out]);
    expect(co.code, co.stderr).toBe(0);
    for (const f of ['labels.csv', 'raw/big.bin', 'raw/small.bin']) expect(readFileSync(join(out, f)).equals(readFileSync(join(dir, f))), f).toBe(true);
    const diff = await kiln.cli(['data', 'diff', 'photos@1', 'photos@2', '--json']);
    expect(JSON.parse(diff.stdout)).toMatchObject({ summary: { modified: 1, added: 0, removed: 0, unchanged: 2 } });
    await testInfo.attach('one changed file sent', { body: await page.screenshot(), contentType: 'image/png' });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
