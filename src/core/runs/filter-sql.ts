import type { SqlValue } from '../db/sql.js';
import { filterError, type FilterExpr, type FilterValue } from './filter-parser.js';
import { columnSql, type ColumnCatalog } from './run-columns.js';

/**
 * A parsed filter as an SQL condition over `runs r`, so 10,000 runs are filtered by SQLite
 * (metric summaries by their primary key, params with json_extract). Missing values (a run
 * without that metric or param) never match a comparison, except `!=`, which they satisfy.
 */
export function filterToSql(src: string, e: FilterExpr, cat: ColumnCatalog, args: SqlValue[], now: number): string {
  switch (e.kind) {
    case 'and':
    case 'or':
      return `(${filterToSql(src, e.left, cat, args, now)} ${e.kind.toUpperCase()} ${filterToSql(src, e.right, cat, args, now)})`;
    case 'not':
      return `(NOT coalesce(${filterToSql(src, e.expr, cat, args, now)}, 0))`;
    case 'cmp':
      return comparison(src, e, cat, args, now);
  }
}

function comparison(src: string, e: Extract<FilterExpr, { kind: 'cmp' }>, cat: ColumnCatalog, args: SqlValue[], now: number): string {
  const col = cat.resolve(e.column);
  if (!col) throw filterError(src, e.columnOffset, `no column "${e.column}": known are ${cat.suggestions()}`);
  if (col.kind === 'ambiguous') throw filterError(src, e.columnOffset, `"${e.column}" is both a metric and a param: write ${col.choices.join(' or ')}`);
  const { op } = e;
  if (col.kind === 'tag') {
    if (op === '~' || op === '!~') {
      args.push(String(e.value ?? ''));
      return `(${op === '!~' ? 'NOT ' : ''}EXISTS (SELECT 1 FROM json_each(r.tags_json) t WHERE instr(lower(t.value), lower(?)) > 0))`;
    }
    if (op !== '=' && op !== '!=') throw filterError(src, e.valueOffset - 1, `tags compare only with =, != or ~ (contains)`);
    args.push(String(e.value ?? ''));
    return `(${op === '!=' ? 'NOT ' : ''}EXISTS (SELECT 1 FROM json_each(r.tags_json) t WHERE t.value = ?))`;
  }
  const expr = columnSql(col, args, now);
  let value: FilterValue = e.value;
  if (col.kind === 'field' && col.type === 'time' && typeof value === 'string') {
    const t = Date.parse(value);
    if (Number.isNaN(t)) throw filterError(src, e.valueOffset, `"${value}" is not a date (write e.g. "2026-11-01" or "2026-11-01T14:30")`);
    value = t;
  }
  if (col.kind === 'field' && col.type === 'duration') {
    if (typeof value !== 'number') throw filterError(src, e.valueOffset, `duration compares with a number of seconds, e.g. duration > 60`);
    value = value * 1000;
  }
  if (value === null) {
    if (op === '=') return `(${expr} IS NULL)`;
    if (op === '!=') return `(${expr} IS NOT NULL)`;
    throw filterError(src, e.valueOffset, `null compares only with = or !=`);
  }
  if (typeof value === 'boolean') value = value ? 1 : 0;
  if (op === '~' || op === '!~') {
    args.push(String(value));
    return `(${op === '!~' ? 'NOT ' : ''}coalesce(instr(lower(CAST(${expr} AS TEXT)), lower(?)) > 0, 0))`;
  }
  args.push(value);
  if (op === '!=') return `(${expr} IS NOT ?)`;
  return `(${expr} ${op} ?)`;
}
