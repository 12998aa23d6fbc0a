import { basename, join } from 'node:path';
import type { SqlDatabase, SqlDriverName } from '../db/sql.js';
import { openDatabase } from '../db/open-database.js';

export const KILN_DIR = '.kiln';
export const DB_FILE = 'kiln.db';

/** An open workspace: its folder, its `.kiln/` and its database. */
export class Workspace {
  readonly kilnDir: string;
  readonly name: string;
  readonly openedAt = Date.now();
  private constructor(readonly root: string, readonly db: SqlDatabase) {
    this.kilnDir = join(root, KILN_DIR);
    this.name = basename(root);
  }

  static open(root: string, driver: SqlDriverName): Workspace {
    return new Workspace(root, openDatabase(join(root, KILN_DIR, DB_FILE), driver));
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
