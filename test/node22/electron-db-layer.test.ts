// Runs under Node 22 (the major Electron ships) with node's own test runner: the Electron app's
// database path is `node:sqlite`, so it is exercised here rather than under the Node 20 of the CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/core/db/open-database.js';
import { latestSchemaVersion } from '../../src/core/db/migrations/index.js';
import { createCore } from '../../src/core/index.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'kiln-node22-'));

test('node:sqlite opens a workspace database at the latest schema, in WAL mode', () => {
  const db = openDatabase(join(tmp(), 'kiln.db'), 'node:sqlite');
  assert.equal(db.driver, 'node:sqlite');
  assert.equal(Number(db.pragma('user_version')), latestSchemaVersion);
  assert.equal(db.pragma('journal_mode'), 'wal');
  db.close();
});

test('transactions commit and roll back, nested ones through savepoints', () => {
  const db = openDatabase(join(tmp(), 'kiln.db'), 'node:sqlite');
  db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, b BLOB)');
  db.transaction(() => db.prepare('INSERT INTO t VALUES (?, ?)').run('a', new Uint8Array([1, 2, 3])));
  assert.throws(
    () =>
      db.transaction(() => {
        db.prepare('INSERT INTO t VALUES (?, ?)').run('b', null);
        throw new Error('boom');
      }),
    /boom/,
  );
  db.transaction(() => {
    db.prepare('INSERT INTO t VALUES (?, ?)').run('c', null);
    assert.throws(() =>
      db.transaction(() => {
        db.prepare('INSERT INTO t VALUES (?, ?)').run('d', null);
        throw new Error('inner');
      }),
    );
  });
  const keys = db
    .prepare('SELECT k FROM t ORDER BY k')
    .all<{ k: string }>()
    .map((r) => r.k);
  assert.deepEqual(keys, ['a', 'c']);
  const blob = db.prepare('SELECT b FROM t WHERE k = ?').get<{ b: Uint8Array }>('a')!.b;
  assert.ok(blob instanceof Uint8Array);
  assert.deepEqual([...blob], [1, 2, 3]);
  db.close();
});

test('refuses a non-SQLite file and a newer schema without touching them', () => {
  const dir = tmp();
  const junk = join(dir, 'junk.db');
  writeFileSync(junk, 'not sqlite at all '.repeat(20));
  assert.throws(
    () => openDatabase(junk, 'node:sqlite'),
    (e: { code?: string }) => e.code === 'DB_CORRUPT',
  );
  const newer = join(dir, 'newer.db');
  const db = openDatabase(newer, 'node:sqlite');
  db.exec(`PRAGMA user_version = ${latestSchemaVersion + 1}`);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const before = readFileSync(newer);
  assert.throws(
    () => openDatabase(newer, 'node:sqlite'),
    (e: { code?: string }) => e.code === 'DB_TOO_NEW',
  );
  assert.ok(readFileSync(newer).equals(before));
});

test('the whole core runs on node:sqlite: create and reopen a workspace', async () => {
  const dir = join(tmp(), 'ws');
  const core = await createCore({ host: 'electron', sqliteDriver: 'node:sqlite', kilnHome: tmp() });
  const ws = await core.invoke('workspaces:create', { path: dir });
  assert.equal(ws.schemaVersion, latestSchemaVersion);
  await core.invoke('workspaces:close', {});
  const again = await core.invoke('workspaces:open', { path: dir });
  assert.equal(again.path, dir);
  await core.close();
});
