/**
 * The fast path for holdouts, which are almost always plain numeric CSV: the bytes are parsed
 * straight into the model's Float32 inputs and the Float64 labels, with no string per line or cell.
 * Anything unusual (a quote, a cell that is not a plain decimal number, a row of the wrong width)
 * returns null, and the caller's general parser reads the file and names the problem.
 */
export interface NumericTable {
  columns: string[];
  rows: number;
  /** row-major rows × (columns − 1), the label column left out */
  inputs: Float32Array;
  labels: Float64Array;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const E_LOWER = 0x65;
const E_UPPER = 0x45;
/** 10^0 … 10^22 are exact doubles: mantissa / 10^k is then correctly rounded, the same as Number() */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

export function parseNumericCsv(bytes: Buffer, delim: string, label: string): NumericTable | null {
  if (bytes.includes(QUOTE)) return null;
  const sep = delim.charCodeAt(0);
  let at = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let headerEnd = bytes.indexOf(LF, at);
  if (headerEnd < 0) headerEnd = bytes.length;
  const columns = bytes.toString('utf8', at, headerEnd > at && bytes[headerEnd - 1] === CR ? headerEnd - 1 : headerEnd).split(delim);
  const li = columns.indexOf(label);
  if (li < 0) return null;
  const width = columns.length;
  const cols = width - 1;
  // an upper bound on the rows: the line feeds after the header, plus a last line without one
  let lines = 1;
  for (let i = bytes.indexOf(LF, headerEnd + 1); i >= 0; i = bytes.indexOf(LF, i + 1)) lines++;
  const inputs = new Float32Array(lines * cols);
  const labels = new Float64Array(lines);
  let rows = 0;
  at = headerEnd + 1;
  const n = bytes.length;
  while (at < n) {
    // a blank line (or a lone CR) is skipped, as the general parser does
    if (bytes[at] === LF) {
      at++;
      continue;
    }
    if (bytes[at] === CR && (at + 1 === n || bytes[at + 1] === LF)) {
      at += 2;
      continue;
    }
    let k = 0;
    for (let c = 0; c < width; c++) {
      const start = at;
      let neg = false;
      if (bytes[at] === MINUS) {
        neg = true;
        at++;
      } else if (bytes[at] === PLUS) at++;
      let mant = 0;
      let digits = 0;
      let scale = 0;
      let b = bytes[at]!;
      while (b >= ZERO && b <= NINE) {
        mant = mant * 10 + (b - ZERO);
        digits++;
        b = bytes[++at]!;
      }
      if (b === DOT) {
        b = bytes[++at]!;
        while (b >= ZERO && b <= NINE) {
          mant = mant * 10 + (b - ZERO);
          digits++;
          scale++;
          b = bytes[++at]!;
        }
      }
      let v: number;
      if (digits === 0) return null;
      if (b === E_LOWER || b === E_UPPER || digits > 15) {
        // exponents and long mantissas: Number() rounds them exactly
        while (at < n && bytes[at] !== sep && bytes[at] !== LF && bytes[at] !== CR) at++;
        v = Number(bytes.toString('latin1', start, at));
        if (!Number.isFinite(v)) return null;
      } else {
        v = scale ? mant / POW10[scale]! : mant;
        if (neg) v = -v;
      }
      const end = bytes[at];
      const last = c === width - 1;
      if (last ? !(at === n || end === LF || (end === CR && (at + 1 === n || bytes[at + 1] === LF))) : end !== sep) return null;
      at++;
      if (c === li) labels[rows] = v;
      else inputs[rows * cols + k++] = v;
    }
    if (bytes[at - 1] === CR) at++;
    rows++;
  }
  return { columns, rows, inputs: inputs.subarray(0, rows * cols), labels: labels.subarray(0, rows) };
}
