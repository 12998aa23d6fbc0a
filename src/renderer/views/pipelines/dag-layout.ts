import dagre from '@dagrejs/dagre';
import type { PipelineView } from '../../../shared/contract/index.js';

export const NODE_W = 180;
export const NODE_H = 56;

export interface LaidOutNode {
  name: string;
  x: number;
  y: number;
}

export interface LaidOutEdge {
  from: string;
  to: string;
  label: string;
  points: { x: number; y: number }[];
}

export interface DagLayout {
  width: number;
  height: number;
  nodes: LaidOutNode[];
  edges: LaidOutEdge[];
}

/** Left-to-right layered layout of the stages; several files between two stages become one edge. */
export function layoutDag(p: Pick<PipelineView, 'stages' | 'edges'>): DagLayout {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 64, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const s of p.stages) g.setNode(s.name, { width: NODE_W, height: NODE_H });
  const paths = new Map<string, string[]>();
  for (const e of p.edges) {
    const key = `${e.from}\u0000${e.to}`;
    const list = paths.get(key);
    if (list) list.push(e.path);
    else {
      paths.set(key, [e.path]);
      g.setEdge(e.from, e.to);
    }
  }
  dagre.layout(g);
  const graph = g.graph();
  return {
    width: graph.width ?? NODE_W,
    height: graph.height ?? NODE_H,
    nodes: p.stages.map((s) => {
      const n = g.node(s.name);
      return { name: s.name, x: n.x, y: n.y };
    }),
    edges: g.edges().map((e) => {
      const list = paths.get(`${e.v}\u0000${e.w}`) ?? [];
      return {
        from: e.v,
        to: e.w,
        label: list.length > 1 ? `${list[0]} +${list.length - 1}` : (list[0] ?? ''),
        points: g.edge(e).points ?? [],
      };
    }),
  };
}
