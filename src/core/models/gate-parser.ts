/**
 * The gate language of kiln.yaml `models.<name>.gates`:
 *   accuracy >= 0.9
 *   accuracy >= champion.accuracy - 0.01     (no regression against the holder of an alias)
 *   size_mb <= 200
 *   lineage_complete                         (a bare check: must be true)
 *   signature_matches
 * Sides are arithmetic over numbers, metrics and ALIAS.metric, with + - * / and parentheses.
 */
export const GATE_OPS = ['>=', '<=', '==', '!=', '>', '<'] as const;
export type GateOp = (typeof GATE_OPS)[number];

/** Metrics a gate may name: evaluation results and registry facts. */
export const CLASSIFIER_METRICS = ['accuracy', 'precision', 'recall', 'f1', 'roc_auc'] as const;
export const REGRESSOR_METRICS = ['rmse', 'mae', 'r2'] as const;
export const FACT_METRICS = ['size_mb', 'lineage_complete', 'signature_matches', 'latency_p50_ms', 'latency_p95_ms', 'rows'] as const;
export const KNOWN_METRICS: readonly string[] = [...CLASSIFIER_METRICS, ...REGRESSOR_METRICS, ...FACT_METRICS];
/** Checks that are true or false: a bare name means "must be true". */
export const BOOLEAN_METRICS = new Set(['lineage_complete', 'signature_matches']);

export type Expr =
  | { k: 'num'; v: number; at: number }
  | { k: 'ref'; alias: string | null; metric: string; at: number }
  | { k: 'neg'; e: Expr; at: number }
  | { k: 'bin'; op: '+' | '-' | '*' | '/'; l: Expr; r: Expr; at: number };

export interface Gate {
  text: string;
  left: Expr;
  op: GateOp;
  right: Expr;
  /** the metric the gate is about (the first one named on the left) */
  metric: string;
}

export class GateSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

interface Tok {
  t: 'num' | 'id' | 'op' | 'cmp' | 'lp' | 'rp' | 'dot' | 'end';
  v: string;
  at: number;
}

function lex(s: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(s.slice(i));
    if (num) {
      out.push({ t: 'num', v: num[0], at: i });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i));
    if (id) {
      out.push({ t: 'id', v: id[0], at: i });
      i += id[0].length;
      continue;
    }
    const cmp = GATE_OPS.find((o) => s.startsWith(o, i)) ?? (s.startsWith('=', i) ? '=' : undefined);
    if (cmp) {
      if (cmp === '=') throw new GateSyntaxError('"=" is not a comparison: write "==" (or >=, <=)', i);
      out.push({ t: 'cmp', v: cmp, at: i });
      i += cmp.length;
      continue;
    }
    if ('+-*/'.includes(c)) out.push({ t: 'op', v: c, at: i });
    else if (c === '(') out.push({ t: 'lp', v: c, at: i });
    else if (c === ')') out.push({ t: 'rp', v: c, at: i });
    else if (c === '.') out.push({ t: 'dot', v: c, at: i });
    else throw new GateSyntaxError(`unexpected character ${JSON.stringify(c)}`, i);
    i++;
  }
  out.push({ t: 'end', v: '', at: s.length });
  return out;
}

/** Parses one gate; GateSyntaxError carries the offset of the problem inside `text`. */
export function parseGate(text: string): Gate {
  const toks = lex(text);
  let p = 0;
  const peek = () => toks[p]!;
  const next = () => toks[p++]!;
  const expr = (): Expr => {
    let l = term();
    while (peek().t === 'op' && (peek().v === '+' || peek().v === '-')) {
      const o = next();
      l = { k: 'bin', op: o.v as '+' | '-', l, r: term(), at: o.at };
    }
    return l;
  };
  const term = (): Expr => {
    let l = factor();
    while (peek().t === 'op' && (peek().v === '*' || peek().v === '/')) {
      const o = next();
      l = { k: 'bin', op: o.v as '*' | '/', l, r: factor(), at: o.at };
    }
    return l;
  };
  const factor = (): Expr => {
    const t = next();
    if (t.t === 'num') return { k: 'num', v: Number(t.v), at: t.at };
    if (t.t === 'op' && t.v === '-') return { k: 'neg', e: factor(), at: t.at };
    if (t.t === 'lp') {
      const e = expr();
      const r = next();
      if (r.t !== 'rp') throw new GateSyntaxError(`expected ")" to close the "(" at column ${t.at + 1} of the gate`, r.at);
      return e;
    }
    if (t.t === 'id') {
      if (t.v === 'true' || t.v === 'false') return { k: 'num', v: t.v === 'true' ? 1 : 0, at: t.at };
      if (peek().t === 'dot') {
        next();
        const m = next();
        if (m.t !== 'id') throw new GateSyntaxError(`expected a metric name after "${t.v}."`, m.at);
        return { k: 'ref', alias: t.v, metric: m.v, at: m.at };
      }
      return { k: 'ref', alias: null, metric: t.v, at: t.at };
    }
    if (t.t === 'end') throw new GateSyntaxError('the gate ends early: expected a number or a metric', t.at);
    throw new GateSyntaxError(`unexpected "${t.v}": expected a number or a metric`, t.at);
  };
  if (peek().t === 'end') throw new GateSyntaxError('the gate is empty', 0);
  const left = expr();
  let op: GateOp;
  let right: Expr;
  if (peek().t === 'end') {
    // a bare check: `lineage_complete` means `lineage_complete == true`
    op = '==';
    right = { k: 'num', v: 1, at: text.length };
  } else {
    const c = next();
    if (c.t !== 'cmp') throw new GateSyntaxError(`unexpected "${c.v}": expected a comparison (>=, >, <=, <, ==, !=)`, c.at);
    op = c.v as GateOp;
    right = expr();
    const rest = peek();
    if (rest.t !== 'end') throw new GateSyntaxError(`unexpected "${rest.v}" after the gate's right-hand side`, rest.at);
  }
  const first = refs(left)[0];
  if (!first) throw new GateSyntaxError('the left side names no metric', left.at);
  const gate = { text, left, op, right, metric: first.metric };
  for (const r of [...refs(left), ...refs(right)]) {
    if (!KNOWN_METRICS.includes(r.metric)) {
      throw new GateSyntaxError(`unknown metric "${r.metric}"${suggest(r.metric)} (known: ${KNOWN_METRICS.join(', ')})`, r.at);
    }
  }
  return gate;
}

export function refs(e: Expr): Extract<Expr, { k: 'ref' }>[] {
  if (e.k === 'ref') return [e];
  if (e.k === 'neg') return refs(e.e);
  if (e.k === 'bin') return [...refs(e.l), ...refs(e.r)];
  return [];
}

function suggest(name: string): string {
  let best: string | null = null;
  let bestD = 3;
  for (const k of KNOWN_METRICS) {
    const d = distance(name, k);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best ? ` — did you mean "${best}"?` : '';
}

function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}

/** A side's value; null when a metric it needs is missing (named in `missing`). */
export function evalExpr(e: Expr, lookup: (alias: string | null, metric: string) => number | null, missing: string[]): number | null {
  switch (e.k) {
    case 'num':
      return e.v;
    case 'ref': {
      const v = lookup(e.alias, e.metric);
      if (v === null) missing.push(e.alias ? `${e.alias}.${e.metric}` : e.metric);
      return v;
    }
    case 'neg': {
      const v = evalExpr(e.e, lookup, missing);
      return v === null ? null : -v;
    }
    case 'bin': {
      const l = evalExpr(e.l, lookup, missing);
      const r = evalExpr(e.r, lookup, missing);
      if (l === null || r === null) return null;
      return e.op === '+' ? l + r : e.op === '-' ? l - r : e.op === '*' ? l * r : l / r;
    }
  }
}

export function compare(l: number, op: GateOp, r: number): boolean {
  // a tolerance for values computed in floating point (0.9 + 0.1 vs 1)
  const eps = 1e-12 * Math.max(1, Math.abs(l), Math.abs(r));
  switch (op) {
    case '>=':
      return l >= r - eps;
    case '>':
      return l > r + eps;
    case '<=':
      return l <= r + eps;
    case '<':
      return l < r - eps;
    case '==':
      return Math.abs(l - r) <= eps;
    case '!=':
      return Math.abs(l - r) > eps;
  }
}
