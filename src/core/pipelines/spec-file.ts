import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KilnError, type SpecIssue, type SpecText } from '../../shared/contract/index.js';
import type { Workspace } from '../workspace/workspace.js';
import { writeFileDurable } from '../store/durable.js';
import { PIPELINE_FILE } from './load-pipeline.js';
import { parseSpec } from './spec/parse-spec.js';
import { kilnJsonSchema } from './spec/json-schema.js';

/** kiln.yaml's text for the in-app editor. */
export async function readSpecText(ws: Workspace): Promise<SpecText> {
  const file = join(ws.root, PIPELINE_FILE);
  const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw new KilnError('FILE_UNREADABLE', `cannot read ${file}: ${e.message}`);
  });
  return { file, exists: text !== null, text: text ?? '' };
}

export function checkSpecText(text: string): SpecIssue[] {
  const r = parseSpec(text, PIPELINE_FILE);
  return r.ok ? [] : r.issues;
}

/** Saves kiln.yaml crash-safely (temp file, fsync, rename): a half-written spec never replaces a whole one. */
export function writeSpecText(ws: Workspace, text: string): void {
  writeFileDurable(join(ws.root, PIPELINE_FILE), text);
}

let schema: Record<string, unknown> | null = null;
export function specSchema(): Record<string, unknown> {
  schema ??= JSON.parse(kilnJsonSchema()) as Record<string, unknown>;
  return schema;
}
