import { createHash } from 'node:crypto';
import type { StaleReason, StageSpec } from '../../shared/contract/index.js';
import { shortDigest as short } from '../../shared/format.js';

/** Everything a stage's result depends on; its SHA-256 is the cache key. Kept per run to explain staleness. */
export interface KeyParts {
  image: string;
  cmd: string[];
  env: Record<string, string>;
  params: Record<string, unknown>;
  /** input as written → digest */
  inputs: Record<string, string>;
  /** digest of the workspace code the container mounts */
  code: string;
  /** code file → sha256, when small enough to keep, to name the file that changed */
  codeFiles?: Record<string, string>;
  outputs: string[];
  gpus: number | 'all';
  network: string;
}

export function keyParts(stage: StageSpec, imageId: string, inputs: Record<string, string>, code: string, codeFiles?: Record<string, string>): KeyParts {
  return {
    image: imageId,
    cmd: stage.cmd,
    env: stage.env,
    params: stage.params,
    inputs,
    code,
    ...(codeFiles ? { codeFiles } : {}),
    outputs: stage.outputs,
    gpus: stage.gpus,
    network: stage.network,
  };
}

/** Canonical JSON (sorted keys) so the key does not depend on the order keys were written in. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

export function cacheKey(p: KeyParts): string {
  const { codeFiles: _files, ...rest } = p;
  return `sha256:${createHash('sha256').update(canonical(rest)).digest('hex')}`;
}

/** What differs between the parts of the last good run and now, in words. */
export function explainChange(before: KeyParts, now: KeyParts): StaleReason[] {
  const out: StaleReason[] = [];
  if (before.image !== now.image) out.push({ kind: 'image', message: `image changed (${short(before.image)} → ${short(now.image)})` });
  if (canonical(before.cmd) !== canonical(now.cmd)) out.push({ kind: 'cmd', message: 'cmd changed' });
  for (const k of keysOf(before.env, now.env))
    if (before.env[k] !== now.env[k]) out.push({ kind: 'env', name: k, message: `env ${k} changed (${fmt(before.env[k])} → ${fmt(now.env[k])})` });
  for (const k of keysOf(before.params, now.params)) {
    if (canonical(before.params[k]) !== canonical(now.params[k]))
      out.push({ kind: 'param', name: k, message: `param ${k} changed (${fmt(before.params[k])} → ${fmt(now.params[k])})` });
  }
  for (const k of keysOf(before.inputs, now.inputs)) {
    if (before.inputs[k] !== now.inputs[k]) {
      out.push({
        kind: 'input',
        name: k,
        message: now.inputs[k] === undefined ? `input ${k} removed` : before.inputs[k] === undefined ? `input ${k} added` : `input ${k} changed`,
      });
    }
  }
  if (before.code !== now.code) {
    const files = before.codeFiles && now.codeFiles ? keysOf(before.codeFiles, now.codeFiles).filter((f) => before.codeFiles![f] !== now.codeFiles![f]) : [];
    if (files.length)
      for (const f of files.slice(0, 10))
        out.push({ kind: 'code', name: f, message: `code ${f} ${!before.codeFiles![f] ? 'added' : !now.codeFiles![f] ? 'removed' : 'changed'}` });
    else out.push({ kind: 'code', message: 'workspace code changed' });
  }
  if (canonical(before.outputs) !== canonical(now.outputs)) out.push({ kind: 'unknown', name: 'outputs', message: 'outputs changed' });
  if (before.gpus !== now.gpus || before.network !== now.network) out.push({ kind: 'unknown', message: 'gpus or network changed' });
  return out;
}

function keysOf(a: object, b: object): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
}
function fmt(v: unknown): string {
  return v === undefined ? 'unset' : JSON.stringify(v);
}
