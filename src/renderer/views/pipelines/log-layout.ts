/**
 * Where each log line sits when lines wrap: a line of n characters takes ceil(n / perRow) rows
 * (monospace, broken anywhere), so positions stay computable and the view stays virtualized.
 * `rows[i]` is the first row of line i; `rows[length]` is the total.
 */
export function wrappedRows(length: number, lineLength: (i: number) => number, perRow: number): Float64Array {
  const rows = new Float64Array(length + 1);
  const per = Math.max(1, perRow);
  for (let i = 0; i < length; i++) rows[i + 1] = rows[i]! + Math.max(1, Math.ceil(lineLength(i) / per));
  return rows;
}

/** The line that holds `row` (binary search over the first-row table). */
export function lineAtRow(rows: Float64Array, row: number): number {
  let lo = 0;
  let hi = rows.length - 2;
  if (hi < 0) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (rows[mid]! <= row) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export interface LogMatch {
  line: number;
  col: number;
}

/** Every case-insensitive occurrence of `query`, in order, up to `max`. */
export function findMatches(length: number, line: (i: number) => string, query: string, max = 100_000): LogMatch[] {
  if (!query) return [];
  const q = query.toLowerCase();
  const out: LogMatch[] = [];
  for (let i = 0; i < length && out.length < max; i++) {
    const l = line(i).toLowerCase();
    for (let at = l.indexOf(q); at >= 0 && out.length < max; at = l.indexOf(q, at + q.length)) out.push({ line: i, col: at });
  }
  return out;
}
