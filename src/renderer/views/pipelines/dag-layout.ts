import dagre from '@dagrejs/dagre';

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

/** What the layout needs: named nodes and labelled edges (a pipeline's stages, a model's lineage). */
export interface DagInput {
  stages: readonly { name: string }[];
  edges: readonly { from: string; to: string; path: string }[];
}

/** Left-to-right layered layout of the stages; several files between two stages become one edge. */
export function layoutDag(p: DagInput, size: { width: number; height: number } = { width: NODE_W, height: NODE_H }): DagLayout {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 64, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const s of p.stages) g.setNode(s.name, { ...size });
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
    width: graph.width ?? size.width,
    height: graph.height ?? size.height,
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
