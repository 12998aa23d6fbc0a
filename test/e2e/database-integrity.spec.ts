import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { test, expect } from './fixtures/test.js';

// Hardening item 11 (UI side): a damaged database over 32 MiB is checked in the background after
// it opens, and the status bar says so. Real `kiln serve`, real SQLite file, Debian's Chromium.
test('a damaged big workspace database shows in the status bar after a background check', async ({ page, kiln }) => {
  await page.goto(kiln.url);
  await expect(page.getByRole('navigation')).toBeVisible();
  const dbPath = join(kiln.workspace, '.kiln', 'kiln.db');
  const db = new Database(dbPath);
  db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, t TEXT)');
  const ins = db.prepare('INSERT INTO filler (t) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 200_000; i++) ins.run(`row ${i} `.padEnd(200, 'x'));
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const size = statSync(dbPath).size;
  expect(size).toBeGreaterThan(32 * 1024 * 1024);
  const fd = openSync(dbPath, 'r+');
  writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, Math.floor(size / 2 / 4096) * 4096);
  closeSync(fd);
  // opening it again (as the workspace picker does) starts the background check
  const token = new URL(kiln.url).searchParams.get('token')!;
  const r = await page.request.post(`${kiln.origin}/api/workspaces:open`, { headers: { authorization: `Bearer ${token}` }, data: { path: kiln.workspace } });
  expect(r.status()).toBe(200);
  const item = page.getByTestId('db-integrity');
  await expect(item).toHaveAttribute('data-state', 'damaged', { timeout: 60_000 });
  await expect(item).toContainText(/damaged \(SQLite quick_check/);
  await expect(item).toHaveAttribute('role', 'alert');
});
