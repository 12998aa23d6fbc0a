import type { ModelLineage } from '../../../shared/contract/index.js';
import { layoutDag, type DagLayout } from '../pipelines/dag-layout';

export const LINEAGE_NODE_W = 176;
export const LINEAGE_NODE_H = 48;

export type LineageNode =
  | { id: string; kind: 'dataset'; dataset: string; version: number; digest: string }
  | { id: string; kind: 'run'; runId: string; label: string; stage: string | null }
  | { id: string; kind: 'missing'; label: string }
  | { id: string; kind: 'model'; label: string };

export interface LineageGraph {
  nodes: LineageNode[];
  layout: DagLayout;
}

/**
 * dataset versions → run → model, laid out like a pipeline (same dagre layout). Datasets are the
 * versions the run read; a version registered from a folder has no run, and the graph says so.
 */
export function lineageGraph(model: string, version: number, l: ModelLineage): LineageGraph {
  const modelNode: LineageNode = { id: 'model', kind: 'model', label: `${model} v${version}` };
  const nodes: LineageNode[] = [];
  const edges: { from: string; to: string; path: string }[] = [];
  if (l.runId) {
    const run: LineageNode = {
      id: `run:${l.runId}`,
      kind: 'run',
      runId: l.runId,
      label: l.runNumber !== null ? `Run #${l.runNumber}` : l.runId,
      stage: l.stage,
    };
    nodes.push(run);
    const inputs = l.datasetVersions.filter((d) => d.role === 'input');
    const seen = new Set<string>();
    for (const d of inputs) {
      const id = `ds:${d.dataset}@${d.version}`;
      if (seen.has(id)) continue;
      seen.add(id);
      nodes.push({ id, kind: 'dataset', dataset: d.dataset, version: d.version, digest: d.digest });
      edges.push({ from: id, to: run.id, path: d.stage });
    }
    edges.push({ from: run.id, to: modelNode.id, path: l.output ?? l.stage ?? '' });
  } else {
    nodes.push({ id: 'none', kind: 'missing', label: 'from a folder' });
    edges.push({ from: 'none', to: modelNode.id, path: '' });
  }
  nodes.push(modelNode);
  const layout = layoutDag({ stages: nodes.map((n) => ({ name: n.id })), edges }, { width: LINEAGE_NODE_W, height: LINEAGE_NODE_H });
  return { nodes, layout };
}
