/** What the runs filter box can complete: the workspace's real keys. */
export interface FilterKeys {
  metrics: string[];
  params: string[];
  tags: string[];
}

export interface Completion {
  /** where the word being completed starts and ends in the text */
  from: number;
  to: number;
  options: string[];
}

const BUILTINS = ['status', 'name', 'tag', 'start', 'duration', 'kind', 'notes'];
const WORD = /[A-Za-z0-9_.\-/:]/;
const MAX = 8;

function quote(v: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.\-/:]*$/.test(v) ? v : JSON.stringify(v);
}

/**
 * The options for the word at the caret: a column name (`metrics.accuracy`, `params.lr`, builtins)
 * where a column goes, a tag after `tag =`/`tag ~`. Prefix matches first, then names containing it.
 */
export function complete(text: string, caret: number, keys: FilterKeys): Completion | null {
  let from = caret;
  while (from > 0 && WORD.test(text[from - 1]!)) from--;
  let to = caret;
  while (to < text.length && WORD.test(text[to]!)) to++;
  const word = text.slice(from, caret).toLowerCase();
  const before = text.slice(0, from).trimEnd();
  let pool: string[];
  if (/\btags?\s*(=|==|!=|~|!~)$/i.test(before)) pool = keys.tags.map(quote);
  else if (before === '' || /(\band|\bor|\bnot|&&|\|\||!|\()$/i.test(before)) {
    if (word === '') return null;
    pool = [...keys.metrics.map((m) => `metrics.${m}`), ...keys.params.map((p) => `params.${p}`), ...BUILTINS];
  } else return null;
  const starts = pool.filter(
    (o) =>
      o.toLowerCase().startsWith(word) ||
      o
        .toLowerCase()
        .replace(/^(metrics|params)\./, '')
        .startsWith(word),
  );
  const contains = pool.filter((o) => !starts.includes(o) && o.toLowerCase().includes(word));
  const options = [...starts, ...contains].filter((o) => o.toLowerCase() !== word).slice(0, MAX);
  return options.length ? { from, to, options } : null;
}

/** A placeholder from real keys: `metrics.accuracy > 0.9 and params.lr = 0.001 · tag = best`. */
export function placeholder(keys: FilterKeys, example: { metric?: number; param?: unknown }): string {
  const parts: string[] = [];
  const m = keys.metrics[0];
  const p = keys.params[0];
  const mv = example.metric !== undefined && Number.isFinite(example.metric) ? Number(example.metric.toPrecision(2)) : 0.9;
  const pv =
    example.param === undefined || example.param === null ? null : typeof example.param === 'number' ? example.param : JSON.stringify(String(example.param));
  if (m) parts.push(`metrics.${m} > ${mv}${p && pv !== null ? ` and params.${p} = ${pv}` : ''}`);
  else if (p && pv !== null) parts.push(`params.${p} = ${pv}`);
  parts.push('status = "failed"');
  if (keys.tags[0]) parts.push(`tag = ${quote(keys.tags[0])}`);
  return `Filter: ${parts.join(' · ')}   (Enter; Tab completes)`;
}
