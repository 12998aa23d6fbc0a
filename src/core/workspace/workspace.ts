import { basename, join } from 'node:path';
import type { SqlDatabase, SqlDriverName } from '../db/sql.js';
import { openDatabase } from '../db/open-database.js';
import { refuseLostDatabase, refuseReplacedDatabase } from './lost-database.js';

export const KILN_DIR = '.kiln';
export const DB_FILE = 'kiln.db';

/** An open workspace: its folder, its `.kiln/` and its database. */
export class Workspace {
  readonly kilnDir: string;
  readonly name: string;
  readonly openedAt = Date.now();
  private constructor(
    readonly root: string,
    readonly db: SqlDatabase,
  ) {
    this.kilnDir = join(root, KILN_DIR);
    this.name = basename(root);
  }

  /** `recovering`: skip the lost-database refusal (kiln data recover rebuilds that very database). */
  static open(root: string, driver: SqlDriverName, opts: { recovering?: boolean } = {}): Workspace {
    const kilnDir = join(root, KILN_DIR);
    const dbPath = join(kilnDir, DB_FILE);
    if (!opts.recovering) refuseLostDatabase(kilnDir, dbPath);
    const db = openDatabase(dbPath, driver);
    try {
      if (!opts.recovering) refuseReplacedDatabase(db, kilnDir, dbPath);
    } catch (e) {
      db.close();
      throw e;
    }
    return new Workspace(root, db);
  }

  /** A path inside `.kiln/` (store, cache, logs). */
  path(...parts: string[]): string {
    return join(this.kilnDir, ...parts);
  }

  get schemaVersion(): number {
    return Number(this.db.pragma('user_version'));
  }

  close(): void {
    this.db.close();
  }
}
