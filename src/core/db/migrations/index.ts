import type { SqlDatabase } from '../sql.js';
import { m001Base } from './001-base.js';
import { m002Datasets } from './002-datasets.js';
import { m003Runs } from './003-runs.js';
import { m004Metrics } from './004-metrics.js';
import { m005Models } from './005-models.js';
import { m010StoreFormats } from './010-store-formats.js';

export interface Migration {
  version: number;
  name: string;
  up(db: SqlDatabase): void;
}

/** Append-only: a released migration is never edited, a change is a new one. */
export const migrations: Migration[] = [m001Base, m002Datasets, m003Runs, m004Metrics, m005Models, m010StoreFormats];
export const latestSchemaVersion = migrations[migrations.length - 1]!.version;
