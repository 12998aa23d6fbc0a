import { KilnError, type PipelineView, type StageSpec } from '../../shared/contract/index.js';
import type { DatasetApi, VersionRef } from '../datasets/dataset-api.js';
import type { TreeHasher } from './tree-digest.js';
import { formatIssue } from './load-pipeline.js';
import { containedPath } from '../workspace/contained-path.js';

/**
 * Checks, before anything runs, that every input can be had: dataset versions resolve,
 * workspace paths exist. Returns the resolved dataset versions by input text.
 */
export async function checkInputs(p: PipelineView, stages: string[], datasets: DatasetApi, hasher: TreeHasher): Promise<Map<string, VersionRef>> {
  const problems: string[] = [];
  const resolved = new Map<string, VersionRef>();
  for (const name of stages) {
    const s = p.stages.find((x) => x.name === name)!;
    for (const [i, inp] of s.inputs.entries()) {
      const where = { ...s.position, field: `stages.${s.name}.inputs[${i}]` };
      if (inp.kind === 'dataset') {
        try {
          resolved.set(inp.raw, datasets.resolve(inp.dataset, inp.ref));
        } catch (e) {
          problems.push(formatIssue({ ...where, message: `${inp.raw}: ${e instanceof Error ? e.message : String(e)}` }));
        }
      } else if (inp.kind === 'path') {
        if ((await hasher.digest(inp.path)) === null) {
          problems.push(
            formatIssue({
              ...where,
              message: `input "${inp.raw}" does not exist in the workspace and no stage writes it: create it, fix the path or add the stage that makes it`,
            }),
          );
        }
      }
    }
  }
  if (problems.length) throw new KilnError('PIPELINE_INVALID', problems[0]!, { lines: problems.slice(1) });
  return resolved;
}

/**
 * Before anything runs: every path a stage will have Kiln delete, mount, read or build from is
 * resolved on disk and must stay in the workspace (symlinks included), else PATH_ESCAPE naming
 * the kiln.yaml line and field. The runner checks again right before it acts.
 */
export function checkContained(p: PipelineView, stages: string[], root: string): void {
  for (const name of stages) {
    const s = p.stages.find((x) => x.name === name)!;
    const paths: { field: string; path: string; links?: 'none' }[] = [
      ...s.outputs.map((o, i) => ({ field: `outputs[${i}]`, path: o, links: 'none' as const })),
      ...s.inputs.flatMap((inp, i) => (inp.kind === 'path' ? [{ field: `inputs[${i}]`, path: inp.path }] : [])),
      ...(s.build
        ? [
            { field: 'build.context', path: s.build.context },
            { field: 'build.dockerfile', path: s.build.dockerfile },
          ]
        : []),
    ];
    for (const x of paths) {
      try {
        containedPath(root, x.path, x.path, x.links ? { links: x.links } : {});
      } catch (e) {
        if (!(e instanceof KilnError)) throw e;
        throw new KilnError(e.code, formatIssue({ ...s.position, field: `stages.${s.name}.${x.field}`, message: e.message }), e.details);
      }
    }
  }
}

/** Input text → digest, for the cache key (upstream outputs must exist by now). */
export async function inputDigests(s: StageSpec, datasets: Map<string, VersionRef>, hasher: TreeHasher): Promise<Record<string, string> | { missing: string }> {
  const out: Record<string, string> = {};
  for (const inp of s.inputs) {
    if (inp.kind === 'dataset') {
      const v = datasets.get(inp.raw);
      if (!v) return { missing: inp.raw };
      out[inp.raw] = v.digest;
    } else {
      const d = await hasher.digest(inp.path);
      if (!d) return { missing: inp.raw };
      out[inp.raw] = d.digest;
    }
  }
  return out;
}

// caches that tools write next to code on the host; they say nothing about what a stage computes
const NOT_CODE = new Set(['__pycache__', '.DS_Store', '.ipynb_checkpoints', '.pytest_cache', '.mypy_cache']);

/** Which workspace-relative paths are not code: Kiln's folder, git, tool caches and every declared output. */
export function codeSkipper(p: PipelineView): (rel: string) => boolean {
  const outs = p.stages.flatMap((s) => s.outputs);
  return (rel) =>
    rel === '.kiln' ||
    rel === '.git' ||
    rel === 'kiln.yaml' ||
    rel.startsWith('.kiln/') ||
    rel.startsWith('.git/') ||
    NOT_CODE.has(rel.slice(rel.lastIndexOf('/') + 1)) ||
    outs.some((o) => rel === o || rel.startsWith(`${o}/`));
}
