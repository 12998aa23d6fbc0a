import type { SqlDatabase } from '../db/sql.js';
import { parseTags } from './run-rows.js';

export function tagRun(db: SqlDatabase, runId: string, add: string[], remove: string[]): string[] {
  return db.transaction(() => {
    const row = db.prepare('SELECT tags_json FROM runs WHERE id = ?').get<{ tags_json: string }>(runId)!;
    const drop = new Set(remove);
    const tags = [...new Set([...parseTags(row.tags_json), ...add])].filter((t) => !drop.has(t)).sort();
    db.prepare('UPDATE runs SET tags_json = ? WHERE id = ?').run(JSON.stringify(tags), runId);
    return tags;
  });
}

export function noteRun(db: SqlDatabase, runId: string, notes: string): void {
  db.prepare('UPDATE runs SET notes = ? WHERE id = ?').run(notes, runId);
}

/**
 * Deletes runs with their stages, dataset links and metric points (foreign keys cascade). What
 * they stored in the content store is left for `gc`, which sees it is no longer referenced.
 */
export function deleteRuns(db: SqlDatabase, runIds: string[]): string[] {
  const del = db.prepare('DELETE FROM runs WHERE id = ?');
  return db.transaction(() => runIds.filter((id) => del.run(id).changes > 0));
}
