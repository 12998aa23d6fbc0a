import { createRequire } from 'node:module';
import type { OpenOptions, SqlDatabase, SqlParams, SqlStatement } from './sql.js';

const require = createRequire(import.meta.url);

interface NodeStatement {
  run(...p: unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  get(...p: unknown[]): unknown;
  all(...p: unknown[]): unknown[];
}
interface NodeDatabaseSync {
  exec(sql: string): void;
  prepare(sql: string): NodeStatement;
  close(): void;
  isTransaction?: boolean;
}

/** Electron's built-in SQLite (Node ≥ 22.13): no native module to rebuild for the app. */
export function openNodeSqlite(path: string, opts: OpenOptions = {}): SqlDatabase {
  if (opts.mustExist) {
    // node:sqlite has no fileMustExist; refuse to create a file the caller expected
    require('node:fs').accessSync(path);
  }
  const { DatabaseSync } = require('node:sqlite') as { DatabaseSync: new (p: string, o?: object) => NodeDatabaseSync };
  const db = new DatabaseSync(path, { readOnly: opts.readonly ?? false });
  const wrap = (s: NodeStatement): SqlStatement => ({
    run: (...p: SqlParams) => {
      const r = s.run(...p);
      return { changes: Number(r.changes), lastInsertRowid: r.lastInsertRowid };
    },
    get: <T>(...p: SqlParams) => s.get(...p) as T | undefined,
    all: <T>(...p: SqlParams) => s.all(...p) as T[],
  });
  let depth = 0;
  return {
    driver: 'node:sqlite',
    exec: (sql) => db.exec(sql),
    prepare: (sql) => wrap(db.prepare(sql)),
    transaction<T>(fn: () => T): T {
      const sp = depth > 0 ? `sp${depth}` : null;
      db.exec(sp ? `SAVEPOINT ${sp}` : 'BEGIN IMMEDIATE');
      depth++;
      try {
        const r = fn();
        db.exec(sp ? `RELEASE ${sp}` : 'COMMIT');
        return r;
      } catch (e) {
        db.exec(sp ? `ROLLBACK TO ${sp}; RELEASE ${sp}` : 'ROLLBACK');
        throw e;
      } finally {
        depth--;
      }
    },
    pragma: (name) => {
      const row = db.prepare(`PRAGMA ${name}`).get() as Record<string, unknown> | undefined;
      return row ? Object.values(row)[0] : undefined;
    },
    close: () => db.close(),
  };
}
