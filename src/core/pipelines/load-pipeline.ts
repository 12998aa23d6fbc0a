import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KilnError, type PipelineGetResult, type PipelineView, type SpecIssue } from '../../shared/contract/index.js';
import { containedPath } from '../workspace/contained-path.js';
import type { Workspace } from '../workspace/workspace.js';
import { parseSpecCached } from './spec-cache.js';

export const PIPELINE_FILE = 'kiln.yaml';

export function formatIssue(i: SpecIssue): string {
  return `${i.file}:${i.line}:${i.column}: ${i.field ? `${i.field}: ` : ''}${i.message}`;
}

/** kiln.yaml of the workspace, parsed and checked; `exists: false` when there is none. */
export async function readPipeline(ws: Workspace): Promise<Omit<PipelineGetResult, 'staleness'>> {
  const file = join(ws.root, PIPELINE_FILE);
  // a committed kiln.yaml -> /somewhere would show a host file's text in parse errors
  containedPath(ws.root, PIPELINE_FILE, PIPELINE_FILE);
  const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw new KilnError('FILE_UNREADABLE', `cannot read ${file}: ${e.message}`);
  });
  if (text === null) return { file, exists: false, pipeline: null, issues: [] };
  const r = parseSpecCached(text, PIPELINE_FILE, ws.path('cache', 'specs'));
  return r.ok ? { file, exists: true, pipeline: r.pipeline, issues: [] } : { file, exists: true, pipeline: null, issues: r.issues };
}

/** The pipeline, or PIPELINE_INVALID listing every problem (file:line:column: field: what). */
export async function loadPipeline(ws: Workspace): Promise<PipelineView> {
  const r = await readPipeline(ws);
  if (!r.exists)
    throw new KilnError(
      'NOT_FOUND',
      `no ${PIPELINE_FILE} in ${ws.root}: write one (see resources/kiln.schema.json) or create the example with kiln init --example`,
    );
  if (!r.pipeline) throw pipelineInvalid(r.issues);
  return r.pipeline;
}

export function pipelineInvalid(issues: SpecIssue[]): KilnError {
  const lines = issues.map(formatIssue);
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return new KilnError('PIPELINE_INVALID', `${lines[0]}${more}`, { issues, lines: issues.length > 1 ? lines.slice(1) : undefined });
}
