import type { PipelineEdge, SpecIssue, StageSpec } from '../../../shared/contract/pipelines.js';
import { isWithin } from './input-ref.js';

export type DagResult = { ok: true; edges: PipelineEdge[]; order: string[] } | { ok: false; issues: SpecIssue[] };

/**
 * Turns path inputs that lie in another stage's output into edges (rewriting the input to a
 * `stage` ref), then refuses overlapping outputs, a stage reading its own output and cycles.
 */
export function checkDag(stages: StageSpec[]): DagResult {
  const issues: SpecIssue[] = [];
  const at = (s: StageSpec, field: string, message: string) => issues.push({ ...s.position, field: `stages.${s.name}.${field}`, message });

  const writers: { stage: StageSpec; path: string }[] = [];
  for (const s of stages) {
    for (const path of s.outputs) {
      const clash = writers.find((w) => isWithin(path, w.path) || isWithin(w.path, path));
      if (clash) {
        at(
          s,
          'outputs',
          clash.stage === s
            ? `outputs "${path}" and "${clash.path}" overlap`
            : `"${path}" is also written by stage "${clash.stage.name}" (as "${clash.path}"): two stages cannot write one output`,
        );
      } else writers.push({ stage: s, path });
    }
  }

  const edges: PipelineEdge[] = [];
  for (const s of stages) {
    s.inputs = s.inputs.map((inp) => {
      if (inp.kind !== 'path') return inp;
      const w = writers.find((x) => isWithin(inp.path, x.path));
      const inside = writers.find((x) => x.path !== inp.path && isWithin(x.path, inp.path));
      if (!w && inside) at(s, 'inputs', `input "${inp.raw}" contains "${inside.path}", an output of stage "${inside.stage.name}": name that output instead`);
      if (!w) return inp;
      if (w.stage === s) {
        at(s, 'inputs', `stage "${s.name}" reads its own output "${w.path}" (a cycle: ${s.name} → ${s.name})`);
        return inp;
      }
      if (!edges.some((e) => e.from === w.stage.name && e.to === s.name && e.path === w.path)) edges.push({ from: w.stage.name, to: s.name, path: w.path });
      return { kind: 'stage', raw: inp.raw, stage: w.stage.name, path: inp.path };
    });
  }
  if (issues.length) return { ok: false, issues };

  // Kahn's order; whatever is left sits on a cycle, which we name by walking it.
  const indeg = new Map(stages.map((s) => [s.name, 0]));
  for (const e of edges) indeg.set(e.to, indeg.get(e.to)! + 1);
  const order: string[] = [];
  const ready = stages.filter((s) => indeg.get(s.name) === 0).map((s) => s.name);
  while (ready.length) {
    const n = ready.shift()!;
    order.push(n);
    for (const e of edges.filter((x) => x.from === n)) {
      indeg.set(e.to, indeg.get(e.to)! - 1);
      if (indeg.get(e.to) === 0) ready.push(e.to);
    }
  }
  if (order.length < stages.length) {
    const left = new Set(stages.map((s) => s.name).filter((n) => !order.includes(n)));
    const cycle = findCycle(left, edges);
    const first = stages.find((s) => s.name === cycle[0])!;
    issues.push({ ...first.position, field: `stages.${first.name}.inputs`, message: `the stages form a cycle: ${cycle.join(' → ')}` });
    return { ok: false, issues };
  }
  return { ok: true, edges, order };
}

function findCycle(nodes: Set<string>, edges: PipelineEdge[]): string[] {
  const start = [...nodes].sort()[0]!;
  const path = [start];
  const seen = new Set([start]);
  let cur = start;
  for (;;) {
    const next = edges.find((e) => e.from === cur && nodes.has(e.to))!.to;
    if (seen.has(next)) return [...path.slice(path.indexOf(next)), next];
    path.push(next);
    seen.add(next);
    cur = next;
  }
}
