/**
 * The small SQLite surface Kiln uses, so the CLI and tests run on better-sqlite3 (a Node build)
 * while the Electron app can use Electron's built-in `node:sqlite` without a native rebuild.
 * Blobs come back as Uint8Array (better-sqlite3's Buffer is one).
 */
export type SqlValue = null | number | bigint | string | Uint8Array;
export type SqlParams = SqlValue[] | [Record<string, SqlValue>];

export interface SqlStatement {
  run(...params: SqlParams): { changes: number; lastInsertRowid: number | bigint };
  get<T = Record<string, unknown>>(...params: SqlParams): T | undefined;
  all<T = Record<string, unknown>>(...params: SqlParams): T[];
}

export interface SqlDatabase {
  readonly driver: 'better-sqlite3' | 'node:sqlite';
  exec(sql: string): void;
  prepare(sql: string): SqlStatement;
  /** runs fn in BEGIN IMMEDIATE … COMMIT, rolling back on a throw; nested calls use savepoints */
  transaction<T>(fn: () => T): T;
  /** a PRAGMA's first column, e.g. pragma('user_version') */
  pragma(name: string): unknown;
  close(): void;
}

export interface OpenOptions {
  readonly?: boolean;
  /** fail instead of creating the file */
  mustExist?: boolean;
}

export type SqlDriverName = SqlDatabase['driver'];
