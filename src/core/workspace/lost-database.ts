import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { KilnError } from '../../shared/contract/index.js';
import type { SqlDatabase } from '../db/sql.js';
import { readTrailer } from '../store/pack-trailer.js';

/**
 * Packs that show versions were committed: ones that carry a manifest or a version (or carry no
 * index at all, from an older Kiln). A pack holding only chunks is what an add that failed before
 * its commit leaves (gc removes it); on its own it does not make a database "lost".
 */
function evidence(kilnDir: string): string[] {
  return packFiles(kilnDir).filter((n) => {
    const t = readTrailer(join(kilnDir, 'store', 'packs', n));
    return t === null || t.manifests.length > 0 || t.labels.length > 0;
  });
}

/** Sealed pack files in a workspace's store (not temp files of an add in progress). */
export function packFiles(kilnDir: string): string[] {
  const dir = join(kilnDir, 'store', 'packs');
  try {
    return readdirSync(dir).filter((n) => n.endsWith('.pack') && !n.startsWith('tmp-'));
  } catch {
    return [];
  }
}

function lost(kilnDir: string, dbPath: string, packs: string[], why: string): KilnError {
  const bytes = packs.reduce((n, p) => n + (statSync(join(kilnDir, 'store', 'packs', p), { throwIfNoEntry: false })?.size ?? 0), 0);
  return new KilnError(
    'DB_LOST',
    `${dbPath} ${why}, but the store holds ${packs.length} pack${packs.length === 1 ? '' : 's'} (${Math.round(bytes / 1048576)} MiB) of data: ` +
      `Kiln will not treat this as a new workspace (that would lose track of every version). ` +
      `Restore kiln.db (and kiln.db-wal if there was one) from a backup, or run \`kiln data recover\` to rebuild the datasets and versions the packs record (runs and metrics are not in the packs).`,
    { path: dbPath, packs: packs.length, bytes },
  );
}

/**
 * Before a workspace database is opened: a missing or empty kiln.db next to a store that holds
 * packs is a lost database, not a new workspace (opening would create an empty one, and gc would
 * then see every pack as garbage).
 */
export function refuseLostDatabase(kilnDir: string, dbPath: string): void {
  if (existsSync(dbPath) && statSync(dbPath).size > 0) return;
  const packs = evidence(kilnDir);
  if (!packs.length) return;
  if (!existsSync(dbPath)) throw lost(kilnDir, dbPath, packs, 'is missing');
  if (statSync(dbPath).size === 0) throw lost(kilnDir, dbPath, packs, 'is empty');
}

/** After opening: a database that knows no pack while the store holds some was replaced. */
export function refuseReplacedDatabase(db: SqlDatabase, kilnDir: string, dbPath: string): void {
  const known = db.prepare('SELECT count(*) AS n FROM store_packs').get<{ n: number }>()?.n ?? 0;
  if (known > 0) return;
  const packs = evidence(kilnDir);
  if (!packs.length) return;
  if (known === 0) throw lost(kilnDir, dbPath, packs, 'knows none of them (it was replaced or recreated)');
}
