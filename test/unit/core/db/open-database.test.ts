import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../../../src/core/db/open-database.js';
import { latestSchemaVersion, migrations } from '../../../../src/core/db/migrations/index.js';
import { openBetterSqlite } from '../../../../src/core/db/better-sqlite.js';
import { KilnError } from '../../../../src/shared/contract/index.js';
import { useTempDir } from '../../../helpers/temp-dir.js';

const tmp = useTempDir();

describe('openDatabase', () => {
  it('creates a WAL database at the latest schema and records each migration', () => {
    const path = join(tmp(), 'kiln.db');
    const db = openDatabase(path);
    expect(db.pragma('journal_mode')).toBe('wal');
    expect(Number(db.pragma('user_version'))).toBe(latestSchemaVersion);
    const applied = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all<{ version: number }>();
    expect(applied.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
    db.close();
  });

  it('migrates an older database forward and keeps its rows', () => {
    const path = join(tmp(), 'kiln.db');
    const old = openBetterSqlite(path);
    migrations[0]!.up(old);
    old.exec("INSERT INTO meta VALUES ('k', 'v'); PRAGMA user_version = 1;");
    old.close();
    const db = openDatabase(path);
    expect(Number(db.pragma('user_version'))).toBe(latestSchemaVersion);
    expect(db.prepare('SELECT value FROM meta WHERE key = ?').get<{ value: string }>('k')?.value).toBe('v');
    db.close();
  });

  it('refuses a file that is not SQLite, naming it, and leaves it byte-identical', () => {
    const path = join(tmp(), 'kiln.db');
    writeFileSync(path, 'this is not a database, it is a text file that got here somehow\n'.repeat(10));
    const before = readFileSync(path);
    const e = (() => {
      try {
        openDatabase(path);
      } catch (x) {
        return x;
      }
    })() as KilnError;
    expect(e).toBeInstanceOf(KilnError);
    expect(e.code).toBe('DB_CORRUPT');
    expect(e.message).toContain(path);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses a damaged SQLite file and leaves it untouched', () => {
    const path = join(tmp(), 'kiln.db');
    const db = openDatabase(path);
    db.exec('CREATE TABLE filler(x BLOB);');
    for (let i = 0; i < 200; i++) db.prepare('INSERT INTO filler VALUES (?)').run(new Uint8Array(4000).fill(i));
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(path);
    bytes.fill(0xff, 4096 * 3, 4096 * 3 + 4096); // wipe a page in the middle
    writeFileSync(path, bytes);
    const e = (() => {
      try {
        openDatabase(path);
      } catch (x) {
        return x;
      }
    })() as KilnError;
    expect(e).toBeInstanceOf(KilnError);
    expect(e.code).toBe('DB_CORRUPT');
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('refuses a database from a newer Kiln and changes nothing', () => {
    const path = join(tmp(), 'kiln.db');
    openDatabase(path).close();
    const raw = openBetterSqlite(path);
    raw.exec(`PRAGMA user_version = ${latestSchemaVersion + 5}`);
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    const before = readFileSync(path);
    const e = (() => {
      try {
        openDatabase(path);
      } catch (x) {
        return x;
      }
    })() as KilnError;
    expect(e.code).toBe('DB_TOO_NEW');
    expect(e.message).toMatch(/newer than this Kiln understands/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });
});
