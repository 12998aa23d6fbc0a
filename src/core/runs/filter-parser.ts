import { KilnError } from '../../shared/contract/index.js';

/**
 * The runs filter language: `accuracy > 0.9 and (lr = 0.001 or tag = best)`.
 * Comparisons `column OP value`, with `and`/`&&`, `or`/`||`, `not`/`!`, parentheses.
 * OP is one of = == != <> < <= > >= ~ (contains) !~ (does not contain). Values are numbers,
 * strings in single or double quotes, true/false/null, or a bare word (a string: `tag = best`).
 * Column names may contain letters, digits and `_ . - / :`; others go in backquotes.
 */
export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | '~' | '!~';
export type FilterValue = string | number | boolean | null;

export type FilterExpr =
  | { kind: 'and' | 'or'; left: FilterExpr; right: FilterExpr }
  | { kind: 'not'; expr: FilterExpr }
  | { kind: 'cmp'; column: string; columnOffset: number; op: CompareOp; value: FilterValue; valueOffset: number; quoted: boolean };

type TokKind = 'word' | 'qident' | 'string' | 'number' | 'op' | 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'end';
interface Token {
  kind: TokKind;
  text: string;
  value?: string | number;
  offset: number;
}

/** A FILTER_INVALID error pointing at `offset`: the CLI prints the expression and a caret under it. */
export function filterError(expr: string, offset: number, what: string): KilnError {
  const column = offset + 1;
  const caret = `${' '.repeat(offset)}^`;
  return new KilnError('FILTER_INVALID', `filter does not parse at column ${column}: ${what}`, {
    offset,
    column,
    expression: expr,
    caret,
    lines: [expr, caret],
  });
}

const OPS = ['==', '!=', '<>', '<=', '>=', '!~', '&&', '||', '=', '<', '>', '~', '!'];
const WORD_START = /[A-Za-z_]/;
const WORD_CHAR = /[A-Za-z0-9_.\-/:]/;
const NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?/;

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')') {
      out.push({ kind: c === '(' ? 'lparen' : 'rparen', text: c, offset: i });
      i++;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\' && j + 1 < src.length) j++;
        s += src[j];
        j++;
      }
      if (j >= src.length) throw filterError(src, i, `the ${c === '`' ? 'backquoted name' : 'string'} starting here is not closed with ${c}`);
      out.push({ kind: c === '`' ? 'qident' : 'string', text: src.slice(i, j + 1), value: s, offset: i });
      i = j + 1;
      continue;
    }
    const num = NUMBER.exec(src.slice(i));
    // a sign is only a number's sign right after an operator (there is no arithmetic)
    if (num && (/[\d.]/.test(c) || out[out.length - 1]?.kind === 'op')) {
      out.push({ kind: 'number', text: num[0], value: Number(num[0]), offset: i });
      i += num[0].length;
      continue;
    }
    if (WORD_START.test(c)) {
      let j = i + 1;
      while (j < src.length && WORD_CHAR.test(src[j]!)) j++;
      const w = src.slice(i, j);
      const lw = w.toLowerCase();
      const kind: TokKind = lw === 'and' ? 'and' : lw === 'or' ? 'or' : lw === 'not' ? 'not' : 'word';
      out.push({ kind, text: w, offset: i });
      i = j;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op) {
      const kind: TokKind = op === '&&' ? 'and' : op === '||' ? 'or' : op === '!' ? 'not' : 'op';
      out.push({ kind, text: op, offset: i });
      i += op.length;
      continue;
    }
    throw filterError(src, i, `unexpected character "${c}"`);
  }
  out.push({ kind: 'end', text: '', offset: src.length });
  return out;
}

export function parseFilter(src: string): FilterExpr | null {
  if (src.trim() === '') return null;
  const toks = tokenize(src);
  let p = 0;
  const peek = () => toks[p]!;
  const next = () => toks[p++]!;
  const describe = (t: Token) => (t.kind === 'end' ? 'the end of the filter' : `"${t.text}"`);

  const parseOr = (): FilterExpr => {
    let left = parseAnd();
    while (peek().kind === 'or') {
      next();
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): FilterExpr => {
    let left = parseUnary();
    while (peek().kind === 'and') {
      next();
      left = { kind: 'and', left, right: parseUnary() };
    }
    return left;
  };
  const parseUnary = (): FilterExpr => {
    if (peek().kind === 'not') {
      next();
      return { kind: 'not', expr: parseUnary() };
    }
    return parsePrimary();
  };
  const parsePrimary = (): FilterExpr => {
    const t = next();
    if (t.kind === 'lparen') {
      const e = parseOr();
      const close = next();
      if (close.kind !== 'rparen') throw filterError(src, close.offset, `expected ")" to close the "(" at column ${t.offset + 1}, found ${describe(close)}`);
      return e;
    }
    if (t.kind !== 'word' && t.kind !== 'qident') {
      throw filterError(src, t.offset, `expected a column name (a metric, a param, status, tag, start, duration…), found ${describe(t)}`);
    }
    const column = t.kind === 'qident' ? String(t.value) : t.text;
    const o = next();
    if (o.kind !== 'op') throw filterError(src, o.offset, `expected a comparison (=, !=, <, <=, >, >=, ~) after "${column}", found ${describe(o)}`);
    const op = (o.text === '==' ? '=' : o.text === '<>' ? '!=' : o.text) as CompareOp;
    const v = next();
    let value: FilterValue;
    let quoted = false;
    if (v.kind === 'number') value = v.value as number;
    else if (v.kind === 'string') {
      value = String(v.value);
      quoted = true;
    } else if (v.kind === 'word' || v.kind === 'qident') {
      const lw = v.text.toLowerCase();
      value = lw === 'true' ? true : lw === 'false' ? false : lw === 'null' ? null : v.kind === 'qident' ? String(v.value) : v.text;
    } else throw filterError(src, v.offset, `expected a value (a number, a "string" or a word) after "${column} ${o.text}", found ${describe(v)}`);
    return { kind: 'cmp', column, columnOffset: t.offset, op, value, valueOffset: v.offset, quoted };
  };

  const e = parseOr();
  const rest = peek();
  if (rest.kind !== 'end') {
    throw filterError(
      src,
      rest.offset,
      rest.kind === 'rparen' ? 'this ")" has no matching "("' : `expected "and", "or" or the end of the filter, found ${describe(rest)}`,
    );
  }
  return e;
}
