import { createHash } from 'node:crypto';
import { KilnError, type ChangedRow, type PreviewCell, type PreviewFormat, type TableDiff } from '../../shared/contract/index.js';
import { ColumnAcc } from './column-stats.js';
import { previewTable } from './table-reader.js';
import type { StoredFile } from './stored-file.js';

const SAMPLES = 50;

export interface TableSide {
  file: StoredFile;
  version: number;
  label: string;
}

interface Read {
  columns: string[];
  rows: PreviewCell[][];
  truncated: boolean;
  accs: ColumnAcc[];
}

async function readSide(s: TableSide, format: PreviewFormat, limit: number): Promise<Read> {
  const t = await previewTable(s.file, format, limit, s.label, Infinity);
  if (!t) throw new KilnError('INVALID_INPUT', `${s.label} is JSON but not a table (an array of rows, or an object holding one)`);
  const text = format === 'csv' || format === 'tsv';
  const columns = t.columns.map((c, i) => c || `column ${i + 1}`);
  const accs = columns.map((c) => new ColumnAcc(c));
  for (const r of t.rows)
    for (let i = 0; i < accs.length; i++) {
      if (text) accs[i]!.addText(String(r[i] ?? ''));
      else accs[i]!.add(r[i] ?? null);
    }
  return { columns, rows: t.rows, truncated: t.truncated, accs };
}

const same = (a: PreviewCell | undefined, b: PreviewCell | undefined) => (a ?? null) === (b ?? null) || String(a ?? '') === String(b ?? '');

/**
 * Compares a table file of two versions below the file level: columns added, removed or retyped;
 * rows added and removed (and, by a key column, changed); each column's statistics on both sides.
 * Each side is read up to `limit` rows, and the result says when that cut it short.
 */
export async function diffTables(
  a: TableSide,
  b: TableSide,
  format: PreviewFormat,
  opts: { limit: number; key?: string },
): Promise<Omit<TableDiff, 'dataset' | 'path' | 'fromPath'>> {
  const ra = await readSide(a, format, opts.limit);
  const rb = await readSide(b, format, opts.limit);
  const ia = new Map(ra.columns.map((c, i) => [c, i]));
  const ib = new Map(rb.columns.map((c, i) => [c, i]));
  const common = rb.columns.filter((c) => ia.has(c));
  const statsA = new Map(ra.accs.map((x) => [x.name, x.result()]));
  const statsB = new Map(rb.accs.map((x) => [x.name, x.result()]));
  const typeChanges = common
    .map((c) => ({ name: c, before: statsA.get(c)!.type, after: statsB.get(c)!.type }))
    .filter((t) => t.before !== t.after && t.before !== 'empty' && t.after !== 'empty');
  const pick = (row: PreviewCell[], idx: Map<string, number>) => common.map((c) => row[idx.get(c)!] ?? null);

  // a key candidate is unique and never null on both sides (within the rows read)
  const unique = (rows: PreviewCell[][], i: number) => {
    const seen = new Set<string>();
    for (const r of rows) {
      const v = r[i];
      if (v === null || v === undefined || v === '') return false;
      const k = String(v);
      if (seen.has(k)) return false;
      seen.add(k);
    }
    return rows.length > 0;
  };
  const keyCandidates = common.filter((c) => unique(ra.rows, ia.get(c)!) && unique(rb.rows, ib.get(c)!));

  const key = opts.key ?? null;
  if (key !== null && !(ia.has(key) && ib.has(key))) {
    const where = !ia.has(key) && !ib.has(key) ? 'either version' : !ia.has(key) ? `v${a.version}` : `v${b.version}`;
    throw new KilnError(
      'INVALID_INPUT',
      `key column ${JSON.stringify(key)} is not in ${where} of the file; columns both hold: ${common.join(', ') || '(none)'}`,
      {
        field: 'key',
      },
    );
  }
  const samples: TableDiff['samples'] = { added: [], removed: [], changed: [] };
  let added = 0;
  let removed = 0;
  let changed = 0;
  let unchanged = 0;
  let duplicateKeys = 0;
  if (key !== null) {
    const ka = ia.get(key)!;
    const kb = ib.get(key)!;
    const before = new Map<string, PreviewCell[][]>();
    for (const r of ra.rows) {
      const k = String(r[ka] ?? '');
      const l = before.get(k);
      if (l) {
        duplicateKeys++;
        l.push(r);
      } else before.set(k, [r]);
    }
    const seenB = new Set<string>();
    for (const r of rb.rows) {
      const k = String(r[kb] ?? '');
      if (seenB.has(k)) duplicateKeys++;
      seenB.add(k);
      const o = before.get(k)?.shift();
      if (!o) {
        added++;
        if (samples.added.length < SAMPLES) samples.added.push(pick(r, ib));
        continue;
      }
      const diffCols = common.filter((c) => !same(o[ia.get(c)!], r[ib.get(c)!]));
      if (diffCols.length === 0) unchanged++;
      else {
        changed++;
        if (samples.changed.length < SAMPLES)
          samples.changed.push({ key: r[kb] ?? null, before: pick(o, ia), after: pick(r, ib), changed: diffCols } satisfies ChangedRow);
      }
    }
    for (const l of before.values())
      for (const o of l) {
        removed++;
        if (samples.removed.length < SAMPLES) samples.removed.push(pick(o, ia));
      }
  } else {
    // rows as a multiset of their content over the common columns: order changes are not edits
    const hash = (cells: PreviewCell[]) =>
      createHash('sha1')
        .update(JSON.stringify(cells.map((c) => (c === null ? null : String(c)))))
        .digest('base64');
    const before = new Map<string, PreviewCell[][]>();
    for (const r of ra.rows) {
      const cells = pick(r, ia);
      const h = hash(cells);
      const l = before.get(h);
      if (l) l.push(cells);
      else before.set(h, [cells]);
    }
    for (const r of rb.rows) {
      const cells = pick(r, ib);
      const l = before.get(hash(cells));
      if (l?.length) {
        l.pop();
        unchanged++;
      } else {
        added++;
        if (samples.added.length < SAMPLES) samples.added.push(cells);
      }
    }
    for (const l of before.values())
      for (const cells of l) {
        removed++;
        if (samples.removed.length < SAMPLES) samples.removed.push(cells);
      }
  }
  const names = [...rb.columns, ...ra.columns.filter((c) => !ib.has(c))];
  return {
    format,
    from: { version: a.version, rows: ra.rows.length, truncated: ra.truncated },
    to: { version: b.version, rows: rb.rows.length, truncated: rb.truncated },
    limit: opts.limit,
    limited: ra.truncated || rb.truncated,
    key,
    keyCandidates,
    schema: { added: rb.columns.filter((c) => !ia.has(c)), removed: ra.columns.filter((c) => !ib.has(c)), typeChanges },
    rows: { added, removed, changed, unchanged, duplicateKeys },
    rowColumns: common,
    samples,
    stats: names.map((n) => ({ name: n, before: statsA.get(n) ?? null, after: statsB.get(n) ?? null })),
  };
}
