import type { z } from 'zod';
import { KilnError } from './errors.js';
import { operations, isOpName, type OpName, type OpParsed } from './index.js';

function describeIssues(name: string, issues: z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(input)'}: ${i.message}`)
    .join('; ')
    .replace(/^/, `invalid input for ${name}: `);
}

/** The one place an operation's name and input are checked, for every transport. */
export function parseOperation<K extends OpName>(name: unknown, input: unknown): { name: K; input: OpParsed<K> } {
  if (!isOpName(name)) throw new KilnError('UNKNOWN_OPERATION', `unknown operation ${JSON.stringify(name)}: it is not in the Kiln contract`);
  const schema = operations[name].input as z.ZodType;
  const r = schema.safeParse(input ?? {});
  if (!r.success) {
    throw new KilnError('INVALID_INPUT', describeIssues(name, r.error.issues), {
      issues: r.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
    });
  }
  return { name: name as K, input: r.data as OpParsed<K> };
}
