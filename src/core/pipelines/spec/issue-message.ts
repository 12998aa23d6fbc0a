import type { z } from 'zod';
import { didYouMean } from './did-you-mean.js';

type Path = (string | number)[];

/** What a YAML value is, in words a person who wrote it recognises. */
export function describeValue(v: unknown): string {
  if (v === null) return 'empty (null)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  return String(v);
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value lines)',
  record: 'a mapping (key: value lines)',
  literal: 'a fixed value',
};

/** Whether `path` names a key its parent mapping lacks, and the parent's value. */
export function lookup(data: unknown, path: Path): { missing: boolean; value: unknown } {
  let cur: unknown = data;
  for (let i = 0; i < path.length; i++) {
    if (cur === null || typeof cur !== 'object') return { missing: false, value: undefined };
    const k = path[i]!;
    if (!(k in (cur as object))) return { missing: i === path.length - 1, value: undefined };
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return { missing: false, value: cur };
}

/**
 * One schema issue → a sentence about kiln.yaml: "`cmd` is required", "`cpus` must be greater
 * than 0 (got -1)", never the schema library's own wording ("Invalid input", "Invalid key in record").
 */
export function issueMessage(issue: z.core.$ZodIssue, path: Path, data: unknown): string {
  const key = String(path[path.length - 1] ?? 'value');
  const { missing, value } = lookup(data, path);
  if (missing) return `\`${key}\` is required`;
  const got = ` (got ${describeValue(value)})`;
  const custom = (msg: string) => !/^(invalid|too (small|big)|expected)\b/i.test(msg);
  switch (issue.code) {
    case 'invalid_type':
      return `\`${key}\` must be ${EXPECTED[issue.expected] ?? issue.expected}${got}`;
    case 'invalid_union':
      return custom(issue.message) ? `${issue.message}${got}` : `\`${key}\` must be a single value: a string, a number, true/false or null${got}`;
    case 'invalid_value': {
      const options = issue.values.map((v) => `\`${String(v)}\``);
      const hint = typeof value === 'string' ? didYouMean(value, issue.values.map(String)) : null;
      return `\`${key}\` must be ${options.length === 1 ? options[0] : `one of ${options.join(', ')}`}${got}${hint ? ` — did you mean \`${hint}\`?` : ''}`;
    }
    case 'too_small': {
      if (issue.origin === 'array') return `\`${key}\` must list at least ${String(issue.minimum)} item${Number(issue.minimum) === 1 ? '' : 's'}`;
      if (issue.origin === 'string') return `\`${key}\` must not be empty`;
      return `\`${key}\` must be ${issue.inclusive ? 'at least' : 'greater than'} ${String(issue.minimum)}${got}`;
    }
    case 'too_big':
      return `\`${key}\` must be ${issue.inclusive ? 'at most' : 'less than'} ${String(issue.maximum)}${got}`;
    case 'invalid_key': {
      const inner = issue.issues[0]?.message;
      return `\`${key}\` is not allowed as a name${inner && custom(inner) ? `: ${inner}` : ''}`;
    }
    case 'invalid_format':
      return custom(issue.message) ? `\`${key}\` must be ${issue.message}${got}` : `\`${key}\` has the wrong form${got}`;
    default:
      return custom(issue.message) ? issue.message : `\`${key}\` is not valid here${got}`;
  }
}
