import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import type { OpenOptions, SqlDatabase, SqlStatement } from './sql.js';

const require = createRequire(import.meta.url);

export function openBetterSqlite(path: string, opts: OpenOptions = {}): SqlDatabase {
  const Database = require('better-sqlite3') as typeof BetterSqlite3;
  const db = new Database(path, { readonly: opts.readonly ?? false, fileMustExist: opts.mustExist ?? false });
  let depth = 0;
  return {
    driver: 'better-sqlite3',
    exec: (sql) => void db.exec(sql),
    prepare: (sql) => db.prepare(sql) as unknown as SqlStatement,
    transaction<T>(fn: () => T): T {
      if (depth > 0) {
        const sp = `sp${depth}`;
        db.exec(`SAVEPOINT ${sp}`);
        depth++;
        try {
          const r = fn();
          db.exec(`RELEASE ${sp}`);
          return r;
        } catch (e) {
          db.exec(`ROLLBACK TO ${sp}; RELEASE ${sp}`);
          throw e;
        } finally {
          depth--;
        }
      }
      db.exec('BEGIN IMMEDIATE');
      depth++;
      try {
        const r = fn();
        db.exec('COMMIT');
        return r;
      } catch (e) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw e;
      } finally {
        depth--;
      }
    },
    pragma: (name) => db.pragma(name, { simple: true }),
    close: () => db.close(),
  };
}
