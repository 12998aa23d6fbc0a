import { createHash } from 'node:crypto';
import { LineCounter, parseDocument, isMap, isNode, isPair, isScalar, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import type { PipelineView, SpecIssue, SpecPosition, StageSpec } from '../../../shared/contract/pipelines.js';
import { pipelineSchema, KNOWN_KEYS, type RawStage } from './spec-schema.js';
import { didYouMean } from './did-you-mean.js';
import { issueMessage, lookup } from './issue-message.js';
import { commandToExec } from './split-command.js';
import { parseDuration, parseMemory } from './units.js';
import { normalizeWorkspacePath, parseInputRef } from './input-ref.js';
import { checkDag } from './check-dag.js';
import { GateSyntaxError, parseGate } from '../../models/gate-parser.js';

export type ParseResult = { ok: true; pipeline: PipelineView } | { ok: false; issues: SpecIssue[] };

/**
 * kiln.yaml text → a checked pipeline, or every problem found, each with file, line, column and
 * field. Checks that need the outside world (datasets, files on disk, images) come later.
 */
export function parseSpec(text: string, file: string): ParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined): SpecPosition => {
    const p = lineCounter.linePos(offset ?? 0);
    return { file, line: p.line, column: p.col };
  };
  if (doc.errors.length) {
    return {
      ok: false,
      issues: doc.errors.map((e) => {
        const pos = at(e.pos[0]);
        const opened = /flow (sequence|mapping)/i.test(e.message) ? unclosedBracket(text, e.pos[0]) : undefined;
        const what = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
        const hint = opened !== undefined ? ` (the bracket opened at line ${at(opened).line}, column ${at(opened).column} is not closed)` : '';
        return {
          ...(opened !== undefined ? at(opened) : pos),
          field: '',
          message: `YAML syntax error at line ${pos.line}, column ${pos.column}: ${what}${hint}`,
        };
      }),
    };
  }
  const data: unknown = doc.toJS() ?? {};
  const parsed = pipelineSchema.safeParse(data);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error.issues, data, doc, at) };

  const issues: SpecIssue[] = [];
  const stages: StageSpec[] = [];
  for (const [name, raw] of Object.entries(parsed.data.stages ?? {})) {
    const where = (field: string, path: (string | number)[] = []) => ({
      ...at(nodeAt(doc, ['stages', name, ...path])?.range?.[0]),
      field: `stages.${name}${field ? `.${field}` : ''}`,
    });
    stages.push(normalizeStage(name, raw, where(''), (field, path, message) => issues.push({ ...where(field, path), message })));
  }
  // a kiln.yaml may declare only models: (registry gates without a pipeline)
  if (!stages.length && !(parsed.data.stages === undefined && parsed.data.models)) {
    issues.push({ ...at(nodeAt(doc, ['stages'])?.range?.[0]), field: 'stages', message: 'the pipeline has no stages: add one under stages:' });
  }
  for (const [name, m] of Object.entries(parsed.data.models ?? {})) {
    (m.gates ?? []).forEach((g, i) => {
      try {
        parseGate(g);
      } catch (e) {
        if (!(e instanceof GateSyntaxError)) throw e;
        const node = nodeAt(doc, ['models', name, 'gates', i]);
        const quoted = isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') ? 1 : 0;
        issues.push({ ...at((node?.range?.[0] ?? 0) + quoted + e.offset), field: `models.${name}.gates[${i}]`, message: `gate "${g}": ${e.message}` });
      }
    });
  }
  if (issues.length) return { ok: false, issues };

  const dag = checkDag(stages);
  if (!dag.ok) return { ok: false, issues: dag.issues };
  const digest = `sha256:${createHash('sha256')
    .update(JSON.stringify(stages.map(({ position: _p, ...s }) => s)))
    .digest('hex')}`;
  return { ok: true, pipeline: { file, digest, stages, edges: dag.edges, order: dag.order } };
}

function normalizeStage(
  name: string,
  raw: RawStage,
  position: SpecPosition,
  report: (field: string, path: (string | number)[], message: string) => void,
): StageSpec {
  if (!raw.image && !raw.build) report('image', [], 'a stage needs an image (or build: { dockerfile, context })');
  if (raw.image && raw.build) report('build', ['build'], 'give either image or build, not both');
  const inputs: StageSpec['inputs'] = [];
  (raw.inputs ?? []).forEach((s, i) => {
    const r = parseInputRef(s);
    if ('error' in r) report(`inputs[${i}]`, ['inputs', i], r.error);
    else inputs.push(r);
  });
  const outputs: string[] = [];
  (raw.outputs ?? []).forEach((s, i) => {
    const p = normalizeWorkspacePath(s);
    if (p === null || p === '.')
      report(`outputs[${i}]`, ['outputs', i], `"${s}" must be a path inside the workspace (relative, no .., not .kiln, not the workspace itself)`);
    else outputs.push(p);
  });
  let build: StageSpec['build'] = null;
  if (raw.build) {
    const dockerfile = normalizeWorkspacePath(raw.build.dockerfile);
    const context = normalizeWorkspacePath(raw.build.context) ?? (raw.build.context === '.' ? '.' : null);
    if (dockerfile === null) report('build.dockerfile', ['build', 'dockerfile'], 'the Dockerfile must be inside the workspace');
    if (context === null) report('build.context', ['build', 'context'], 'the build context must be inside the workspace');
    build = { dockerfile: dockerfile ?? 'Dockerfile', context: context ?? '.' };
  }
  const str = (v: string | number | boolean | null) => (v === null ? '' : String(v));
  return {
    name,
    image: raw.image ?? null,
    build,
    cmd: commandToExec(raw.cmd),
    env: Object.fromEntries(Object.entries(raw.env ?? {}).map(([k, v]) => [k, str(v)])),
    params: raw.params ?? {},
    inputs,
    outputs,
    metrics: raw.metrics ?? true,
    gpus: raw.gpus ?? 0,
    cpus: raw.cpus ?? null,
    memoryBytes: raw.memory !== undefined ? parseMemory(raw.memory) : null,
    timeoutSeconds: raw.timeout !== undefined ? parseDuration(raw.timeout) : null,
    network: raw.network ?? 'none',
    cache: raw.cache ?? true,
    position,
  };
}

function nodeAt(doc: Document, path: (string | number)[]): Node | undefined {
  const n: unknown = doc.getIn(path, true);
  return isNode(n) ? n : undefined;
}

function fieldName(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

/**
 * The schema's issues → issues placed on the nodes they concern. Unknown keys get one each, with a
 * suggestion; an unknown key that stands for a missing required one ("comand" for `cmd`) becomes
 * one issue saying both, not two.
 */
function zodIssues(all: z.core.$ZodIssue[], data: unknown, doc: Document, at: (o: number | undefined) => SpecPosition): SpecIssue[] {
  const pathOf = (i: z.core.$ZodIssue) => i.path.filter((p): p is string | number => typeof p !== 'symbol');
  const missing = new Map<string, string[]>(); // parent path → required keys it lacks
  for (const i of all) {
    const path = pathOf(i);
    if (path.length && lookup(data, path).missing) {
      const parent = JSON.stringify(path.slice(0, -1));
      missing.set(parent, [...(missing.get(parent) ?? []), String(path[path.length - 1])]);
    }
  }
  const explained = new Set<string>();
  const out: SpecIssue[] = [];
  for (const issue of all) {
    const path = pathOf(issue);
    if (issue.code !== 'unrecognized_keys') continue;
    const known = path.length === 0 ? KNOWN_KEYS.top : path[0] === 'models' ? KNOWN_KEYS.model : path.length === 2 ? KNOWN_KEYS.stage : KNOWN_KEYS.build;
    const lacking = missing.get(JSON.stringify(path)) ?? [];
    const parent = nodeAt(doc, path);
    for (const key of issue.keys) {
      const pair = isMap(parent) ? parent.items.find((it) => isPair(it) && isScalar(it.key) && it.key.value === key) : undefined;
      const keyNode = pair && isPair(pair) && isNode(pair.key) ? pair.key : parent;
      const forMissing = didYouMean(key, lacking, true);
      const hint = forMissing ?? didYouMean(key, known);
      if (forMissing) explained.add(JSON.stringify([...path, forMissing]));
      out.push({
        ...at(keyNode?.range?.[0]),
        field: fieldName([...path, key]),
        message: `unknown key \`${key}\`${hint ? ` — did you mean \`${hint}\`?` : ''}${forMissing ? ` (\`${forMissing}\` is required)` : ''} (known: ${known.join(', ')})`,
      });
    }
  }
  for (const issue of all) {
    const path = pathOf(issue);
    if (issue.code === 'unrecognized_keys' || explained.has(JSON.stringify(path))) continue;
    // A missing key has no node: point at the object that lacks it.
    let node = nodeAt(doc, path);
    for (let n = path.length - 1; !node && n >= 0; n--) node = nodeAt(doc, path.slice(0, n));
    out.push({ ...at(node?.range?.[0]), field: fieldName(path), message: issueMessage(issue, path, data) });
  }
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Offset of the last `[` or `{` still open at `end` (outside quotes and comments), for "not closed" errors. */
function unclosedBracket(text: string, end: number): number | undefined {
  const stack: number[] = [];
  let quote: string | null = null;
  for (let i = 0; i < Math.min(end, text.length); i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\n') quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) i = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
    else if (c === '[' || c === '{') stack.push(i);
    else if ((c === ']' || c === '}') && stack.length) stack.pop();
  }
  return stack.pop();
}
