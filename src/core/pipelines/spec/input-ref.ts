import { posix } from 'node:path';
import type { StageInputRef } from '../../../shared/contract/pipelines.js';

const DATA = /^data:([A-Za-z0-9_][A-Za-z0-9_.-]*)@([A-Za-z0-9_.:-]+)$/;

/** A workspace-relative path, normalized; null when it leaves the workspace or names .kiln. */
export function normalizeWorkspacePath(p: string): string | null {
  if (p.startsWith('/') || p.includes('\\')) return null;
  const n = posix.normalize(p).replace(/\/+$/, '');
  if (n === '..' || n.startsWith('../') || n === '') return null;
  if (n === '.kiln' || n.startsWith('.kiln/')) return null;
  return n;
}

/** `data:NAME@REF`, else a workspace path (later resolved to another stage's output when one writes it). */
export function parseInputRef(raw: string): StageInputRef | { error: string } {
  if (raw.startsWith('data:')) {
    const m = DATA.exec(raw);
    if (!m) return { error: `"${raw}" is not data:NAME@VERSION (e.g. data:mnist@3 or data:mnist@latest)` };
    return { kind: 'dataset', raw, dataset: m[1]!, ref: m[2]! };
  }
  const path = normalizeWorkspacePath(raw);
  if (path === null) return { error: `"${raw}" must be a path inside the workspace (relative, no .., not .kiln)` };
  return { kind: 'path', raw, path };
}

/** Whether `p` is `base` or lies inside it. */
export function isWithin(p: string, base: string): boolean {
  return base === '.' || p === base || p.startsWith(`${base}/`);
}
