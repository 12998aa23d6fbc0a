import { StringDecoder } from 'node:string_decoder';
import { KilnError, type PreviewCell, type PreviewFormat } from '../../shared/contract/index.js';
import { CsvParser } from './csv-parser.js';
import { ColumnAcc } from './column-stats.js';
import type { StoredFile } from './stored-file.js';
import { parquetCompressors } from './parquet-codecs.js';

/** JSON documents (not lines) are parsed whole, so only up to this size. */
const MAX_JSON_BYTES = 100 * 1024 * 1024;

export function cell(v: unknown): PreviewCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Date) return v.toISOString();
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
}

/** Streams a delimited file's rows (header first), decoding UTF-8 across chunk borders. */
/** Give the event loop a turn: stats over a big file must not stall every other request of the server. */
const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));
const YIELD_EVERY_BYTES = 4 * 1024 * 1024;

async function streamDelimited(file: StoredFile, delimiter: string, onRow: (r: string[]) => boolean | void, maxBytes = Infinity): Promise<boolean> {
  const parser = new CsvParser(delimiter, onRow);
  const dec = new StringDecoder('utf8');
  let read = 0;
  let first = true;
  for (const b of file.blocks()) {
    let text = dec.write(b);
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    first = false;
    parser.push(text);
    const before = read;
    read += b.length;
    if (parser.done) return true;
    if (read >= maxBytes) return false;
    if (Math.floor(read / YIELD_EVERY_BYTES) !== Math.floor(before / YIELD_EVERY_BYTES)) await yieldToLoop();
  }
  parser.push(dec.end());
  parser.end();
  return true;
}

function parseJson(file: StoredFile, label: string): unknown {
  if (file.size > MAX_JSON_BYTES)
    throw new KilnError(
      'INVALID_INPUT',
      `${label} is ${file.size} bytes, over the ${MAX_JSON_BYTES} bytes a JSON document may have to be read whole; use JSON Lines for large tables`,
    );
  try {
    return JSON.parse(file.read(0, file.size).toString('utf8'));
  } catch (e) {
    throw new KilnError('INVALID_INPUT', `${label} is not valid JSON: ${(e as Error).message}`);
  }
}

/** The rows of a JSON document when it is a table: an array, or an object holding one array of rows. */
function jsonRows(doc: unknown): unknown[] | null {
  const isRecord = (r: unknown) => r !== null && typeof r === 'object' && !Array.isArray(r);
  const rowsOfRecords = (a: unknown[]) => a.length > 0 && a.slice(0, 20).every(isRecord);
  if (Array.isArray(doc)) return doc;
  if (isRecord(doc)) {
    const arrays = Object.values(doc as object).filter((v): v is unknown[] => Array.isArray(v) && rowsOfRecords(v));
    if (arrays.length === 1) return arrays[0]!;
  }
  return null;
}

function objectColumns(rows: unknown[]): string[] {
  const cols = new Set<string>();
  for (const r of rows.slice(0, 1000)) {
    if (r && typeof r === 'object' && !Array.isArray(r)) for (const k of Object.keys(r)) cols.add(k);
  }
  return cols.size ? [...cols] : ['value'];
}

function toRow(r: unknown, cols: string[]): unknown[] {
  if (r && typeof r === 'object' && !Array.isArray(r)) return cols.map((c) => (r as Record<string, unknown>)[c]);
  return [r];
}

function asyncBuffer(file: StoredFile) {
  return {
    byteLength: file.size,
    // async so that decoding yields between column chunks
    slice: async (start: number, end?: number): Promise<ArrayBuffer> => {
      await yieldToLoop();
      const b = file.read(start, end ?? file.size);
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
    },
  };
}

export interface TableRows {
  columns: string[];
  rows: PreviewCell[][];
  truncated: boolean;
}

/** The first `limit` rows of a table file; null when a JSON document is not table-shaped. */
export async function previewTable(
  file: StoredFile,
  format: PreviewFormat,
  limit: number,
  label: string,
  maxCsvBytes = 4 * 1024 * 1024,
): Promise<TableRows | null> {
  if (format === 'csv' || format === 'tsv') {
    let columns: string[] | null = null;
    const rows: PreviewCell[][] = [];
    let truncated = false;
    const complete = await streamDelimited(
      file,
      format === 'csv' ? ',' : '\t',
      (r) => {
        if (!columns) columns = r;
        else if (rows.length < limit) rows.push(r);
        else {
          truncated = true;
          return false;
        }
      },
      maxCsvBytes,
    );
    return { columns: columns ?? [], rows, truncated: truncated || !complete };
  }
  if (format === 'jsonl') {
    const rows: unknown[] = [];
    const dec = new StringDecoder('utf8');
    let buf = '';
    let truncated = false;
    outer: for (const b of file.blocks()) {
      buf += dec.write(b);
      let nl: number;
      while ((nl = buf.indexOf('\n')) !== -1) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (!line) continue;
        if (rows.length >= limit) {
          truncated = true;
          break outer;
        }
        rows.push(parseLine(line, rows.length + 1, label));
      }
    }
    if (!truncated && buf.trim() && rows.length < limit) rows.push(parseLine(buf.trim(), rows.length + 1, label));
    const columns = objectColumns(rows);
    return { columns, rows: rows.map((r) => toRow(r, columns).map(cell)), truncated };
  }
  if (format === 'json') {
    const all = jsonRows(parseJson(file, label));
    if (!all) return null;
    const columns = objectColumns(all);
    return { columns, rows: all.slice(0, limit).map((r) => toRow(r, columns).map(cell)), truncated: all.length > limit };
  }
  // loaded on first use: the CLI should not pay for a Parquet reader it rarely needs
  const { parquetMetadataAsync, parquetReadObjects, parquetSchema } = await import('hyparquet');
  const ab = asyncBuffer(file);
  const metadata = await parquetMetadataAsync(ab);
  const columns = parquetSchema(metadata).children.map((c) => c.element.name);
  const objs = await parquetReadObjects({
    file: ab,
    metadata,
    compressors: parquetCompressors,
    rowStart: 0,
    rowEnd: Math.min(limit, Number(metadata.num_rows)),
  });
  return { columns, rows: objs.map((o) => columns.map((c) => cell((o as Record<string, unknown>)[c]))), truncated: Number(metadata.num_rows) > limit };
}

function parseLine(line: string, n: number, label: string): unknown {
  try {
    return JSON.parse(line);
  } catch (e) {
    throw new KilnError('INVALID_INPUT', `${label} line ${n} is not valid JSON: ${(e as Error).message}`);
  }
}

/** Column statistics over the whole file. */
/** Parquet column statistics read at most this many rows (decoding is the slow part); `rows` stays exact. */
export const PARQUET_STATS_ROWS = 500_000;

export async function tableStats(
  file: StoredFile,
  format: PreviewFormat,
  label: string,
): Promise<{ rows: number; columns: ColumnAcc[]; sampledRows?: number }> {
  if (format === 'csv' || format === 'tsv') {
    let accs: ColumnAcc[] | null = null;
    let rows = 0;
    await streamDelimited(file, format === 'csv' ? ',' : '\t', (r) => {
      if (!accs) {
        accs = r.map((name, i) => new ColumnAcc(name || `column ${i + 1}`));
        return;
      }
      rows++;
      for (let i = 0; i < accs.length; i++) accs[i]!.addText(r[i] ?? '');
    });
    return { rows, columns: accs ?? [] };
  }
  if (format === 'jsonl' || format === 'json') {
    let all: unknown[];
    if (format === 'json') {
      const r = jsonRows(parseJson(file, label));
      if (!r) throw new KilnError('INVALID_INPUT', `${label} is JSON but not a table (an array of rows, or an object holding one)`);
      all = r;
    } else {
      all = [];
      const text = file.read(0, Math.min(file.size, MAX_JSON_BYTES)).toString('utf8');
      let n = 0;
      for (const line of text.split('\n')) {
        n++;
        if (line.trim()) all.push(parseLine(line, n, label));
      }
    }
    const cols = objectColumns(all);
    const accs = cols.map((c) => new ColumnAcc(c));
    for (const r of all) toRow(r, cols).forEach((v, i) => accs[i]!.add(v));
    return { rows: all.length, columns: accs };
  }
  const { parquetMetadataAsync, parquetRead, parquetSchema } = await import('hyparquet');
  const ab = asyncBuffer(file);
  const metadata = await parquetMetadataAsync(ab);
  const names = parquetSchema(metadata).children.map((c) => c.element.name);
  const accs = new Map(names.map((n) => [n, new ColumnAcc(n)]));
  const rows = Number(metadata.num_rows);
  const rowEnd = Math.min(rows, PARQUET_STATS_ROWS);
  await parquetRead({
    file: ab,
    metadata,
    compressors: parquetCompressors,
    rowStart: 0,
    rowEnd,
    onChunk: (c) => {
      const acc = accs.get(c.columnName);
      if (!acc) return;
      // chunks may hold rows outside the range asked for
      const data = c.columnData as ArrayLike<unknown>;
      const end = Math.min(data.length, rowEnd - c.rowStart);
      for (let i = 0; i < end; i++) acc.add(data[i]);
    },
  });
  return { rows, columns: [...accs.values()], ...(rowEnd < rows ? { sampledRows: rowEnd } : {}) };
}
