import { KilnError, type RunListResult } from '../../shared/contract/index.js';
import type { SqlDatabase, SqlValue } from '../db/sql.js';
import { parseFilter } from './filter-parser.js';
import { filterToSql } from './filter-sql.js';
import { ColumnCatalog, columnSql } from './run-columns.js';
import { toRunRows, type RunsRow } from './run-rows.js';

export interface ListRequest {
  sort?: { column: string; dir: 'asc' | 'desc' };
  filter?: string;
  offset: number;
  limit?: number;
}

/** The runs table: filtered and sorted in SQL, newest first by default, missing values last. */
export function listRuns(db: SqlDatabase, req: ListRequest): RunListResult {
  const now = Date.now();
  const cat = new ColumnCatalog(db);
  const whereArgs: SqlValue[] = [];
  const ast = req.filter ? parseFilter(req.filter) : null;
  const where = ast ? `WHERE ${filterToSql(req.filter!, ast, cat, whereArgs, now)}` : '';
  const orderArgs: SqlValue[] = [];
  let order = 'r.seq DESC';
  if (req.sort) {
    const col = cat.resolve(req.sort.column);
    if (col?.kind === 'ambiguous')
      throw new KilnError('INVALID_INPUT', `cannot sort by "${req.sort.column}": it is both a metric and a param; write ${col.choices.join(' or ')}`);
    if (!col || col.kind === 'tag') {
      throw new KilnError(
        'INVALID_INPUT',
        `cannot sort by "${req.sort.column}": ${col ? 'tags are not a value' : 'no such column'}; known are ${cat.suggestions()}`,
      );
    }
    order = `${columnSql(col, orderArgs, now)} ${req.sort.dir === 'desc' ? 'DESC' : 'ASC'} NULLS LAST, r.seq DESC`;
  }
  const page = req.limit === undefined ? (req.offset ? ' LIMIT -1 OFFSET ?' : '') : ' LIMIT ? OFFSET ?';
  const pageArgs: SqlValue[] = req.limit === undefined ? (req.offset ? [req.offset] : []) : [req.limit, req.offset];
  const rows = db.prepare(`SELECT r.* FROM runs r ${where} ORDER BY ${order}${page}`).all<RunsRow>(...whereArgs, ...orderArgs, ...pageArgs);
  const total =
    req.limit === undefined && !req.offset ? rows.length : db.prepare(`SELECT count(*) AS n FROM runs r ${where}`).get<{ n: number }>(...whereArgs)!.n;
  return {
    runs: toRunRows(db, rows, now),
    total,
    offset: req.offset,
    paramColumns: cat.paramColumns(),
    metricColumns: cat.metricColumns(),
    tagValues: tagValues(db),
  };
}

/** Every tag in use, for completion; capped, since a tag per run would make a useless list. */
function tagValues(db: SqlDatabase): string[] {
  return db
    .prepare(
      `SELECT DISTINCT t.value AS tag FROM runs r, json_each(CASE WHEN json_valid(r.tags_json) THEN r.tags_json ELSE '[]' END) t WHERE t.type = 'text' ORDER BY 1 LIMIT 500`,
    )
    .all<{ tag: string }>()
    .map((r) => r.tag);
}
