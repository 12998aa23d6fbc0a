import { KilnError } from '../../../shared/contract/index.js';
import type { DatasetService } from '../../datasets/dataset-service.js';
import { CsvParser } from '../../datasets/csv-parser.js';
import { StoredFile } from '../../datasets/stored-file.js';
import { kindOf } from '../../datasets/file-formats.js';
import { previewTable } from '../../datasets/table-reader.js';
import { parseNumericCsv } from './numeric-csv.js';

export interface Holdout {
  dataset: string;
  version: number;
  path: string;
  columns: string[];
  /** every column but the label, in file order */
  inputColumns: string[];
  rows: number;
  /** row-major rows × inputColumns.length */
  inputs: Float32Array;
  labels: Float64Array;
}

const TABLES = new Set(['csv', 'tsv', 'parquet', 'jsonl', 'json']);

/**
 * Reads `data:NAME@SEL[/path]` into numeric inputs and labels. The label column is the target;
 * the other columns are the model's inputs, in order. Every cell must be a number: the first that
 * is not is named (row and column), so a wrong holdout fails before any prediction.
 */
export async function readHoldout(data: DatasetService, ref: string, label: string, where: string): Promise<Holdout> {
  const m = /^data:([A-Za-z0-9][A-Za-z0-9._-]*)@([^/\s]+)(?:\/(.+))?$/.exec(ref);
  if (!m) throw new KilnError('HOLDOUT_INVALID', `${where}: holdout "${ref}" must be data:NAME@VERSION or data:NAME@VERSION/path.csv`);
  const [, name, sel, wanted] = m as unknown as [string, string, string, string | undefined];
  const { v, m: manifest } = data.manifestOf(name, sel);
  const tables = manifest.entries.filter((e) => e.type === 'file' && TABLES.has(kindOf(e.path)));
  let entry;
  if (wanted !== undefined) {
    entry = manifest.entries.find((e) => e.path === wanted);
    if (!entry)
      throw new KilnError(
        'HOLDOUT_INVALID',
        `${where}: ${name}@${v.version} has no file ${JSON.stringify(wanted)}${
          tables.length
            ? ` (its tables: ${tables
                .slice(0, 5)
                .map((t) => t.path)
                .join(', ')})`
            : ''
        }`,
      );
  } else {
    if (tables.length !== 1) {
      throw new KilnError(
        'HOLDOUT_INVALID',
        `${where}: ${name}@${v.version} holds ${tables.length} tables${
          tables.length
            ? ` (${tables
                .slice(0, 5)
                .map((t) => t.path)
                .join(', ')})`
            : ''
        }; name one, e.g. data:${name}@${v.version}/${tables[0]?.path ?? 'holdout.csv'}`,
      );
    }
    entry = tables[0]!;
  }
  const label_ = `${entry.path} of ${name}@${v.version}`;
  const file = new StoredFile(data.store, entry, label_);
  const kind = kindOf(entry.path);
  let columns: string[] = [];
  let cells: unknown[][];
  try {
    if (kind === 'csv' || kind === 'tsv') {
      const delim = kind === 'csv' ? ',' : '\t';
      const bytes = Buffer.concat([...file.blocks()]);
      const fast = parseNumericCsv(bytes, delim, label);
      if (fast && fast.rows > 0) {
        const li = fast.columns.indexOf(label);
        const inputColumns = fast.columns.filter((_, i) => i !== li);
        return {
          dataset: name,
          version: v.version,
          path: entry.path,
          columns: fast.columns,
          inputColumns,
          rows: fast.rows,
          inputs: fast.inputs,
          labels: fast.labels,
        };
      }
      // anything unusual: the general parser reads it and names the problem
      let text = bytes.toString('utf8');
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      const rows: string[][] = [];
      if (!text.includes('"')) {
        // no quoting anywhere: plain splits (holdouts of numbers), several times faster than the full parser
        const lines = text.split('\n');
        for (const raw of lines) {
          const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
          if (!columns.length) columns = line.split(delim);
          else if (line !== '') rows.push(line.split(delim));
        }
      } else {
        const parser = new CsvParser(delim, (r) => {
          if (!columns.length) columns = r;
          else if (!(r.length === 1 && r[0] === '')) rows.push(r);
        });
        parser.push(text);
        parser.end();
      }
      cells = rows;
    } else if (TABLES.has(kind)) {
      const t = await previewTable(file, kind as 'parquet', Number.MAX_SAFE_INTEGER, label_);
      if (!t) throw new KilnError('HOLDOUT_INVALID', `${where}: ${label_} is not a table`);
      columns = t.columns;
      cells = t.rows;
    } else throw new KilnError('HOLDOUT_INVALID', `${where}: ${label_} is not a table (CSV, TSV, Parquet, JSON Lines)`);
  } finally {
    data.store.closeFds();
  }
  const li = columns.indexOf(label);
  if (li < 0) throw new KilnError('HOLDOUT_INVALID', `${where}: the holdout ${label_} has no label column "${label}" (its columns: ${columns.join(', ')})`);
  if (!cells.length) throw new KilnError('HOLDOUT_INVALID', `${where}: the holdout ${label_} has no rows`);
  const inputColumns = columns.filter((_, i) => i !== li);
  const cols = inputColumns.length;
  const inputs = new Float32Array(cells.length * cols);
  const labels = new Float64Array(cells.length);
  const num = (x: unknown, r: number, c: string): number => {
    const n = typeof x === 'number' ? x : typeof x === 'boolean' ? Number(x) : typeof x === 'string' && x.trim() !== '' ? Number(x) : NaN;
    if (!Number.isFinite(n))
      throw new KilnError(
        'HOLDOUT_INVALID',
        `${where}: ${label_} row ${r + 2}, column "${c}" holds ${JSON.stringify(x)}, not a number; every input and the label must be numeric`,
        { row: r + 2, column: c },
      );
    return n;
  };
  cells.forEach((row, r) => {
    if (row.length !== columns.length)
      throw new KilnError('HOLDOUT_INVALID', `${where}: ${label_} row ${r + 2} has ${row.length} cells, but the header names ${columns.length} columns`, {
        row: r + 2,
      });
    let k = 0;
    for (let c = 0; c < columns.length; c++) {
      if (c === li) labels[r] = num(row[c], r, columns[c]!);
      else inputs[r * cols + k++] = num(row[c], r, columns[c]!);
    }
  });
  return { dataset: name, version: v.version, path: entry.path, columns, inputColumns, rows: cells.length, inputs, labels };
}
