import { useMemo } from 'react';
import type { ModelLineage } from '../../../shared/contract/index.js';
import { useNavigation } from '../../stores/navigation';
import { lineageGraph, LINEAGE_NODE_H, LINEAGE_NODE_W, type LineageNode } from './lineage-graph';

function pathOf(points: { x: number; y: number }[]): string {
  return points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
}

/** Where the version came from, as a graph: each dataset version and the run are links to their pages. */
export function LineageGraph({ model, version, lineage }: { model: string; version: number; lineage: ModelLineage }) {
  const g = useMemo(() => lineageGraph(model, version, lineage), [model, version, lineage]);
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  return (
    <div className="km-lineage" role="group" aria-label="Lineage graph" data-testid="lineage-graph">
      <svg width={g.layout.width} height={g.layout.height} viewBox={`0 0 ${g.layout.width} ${g.layout.height}`}>
        <defs>
          <marker id="km-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="8" markerHeight="8" orient="auto">
            <path d="M0,0 L8,4 L0,8 z" className="km-lineage-arrow" />
          </marker>
        </defs>
        {g.layout.edges.map((e) => (
          <g key={`${e.from}-${e.to}`} className="km-lineage-edge">
            <path d={pathOf(e.points)} markerEnd="url(#km-arrow)" />
            {e.label && <title>{e.label}</title>}
          </g>
        ))}
        {g.layout.nodes.map((n) => (
          <foreignObject key={n.name} x={n.x - LINEAGE_NODE_W / 2} y={n.y - LINEAGE_NODE_H / 2} width={LINEAGE_NODE_W} height={LINEAGE_NODE_H}>
            <Node node={byId.get(n.name)!} />
          </foreignObject>
        ))}
      </svg>
    </div>
  );
}

function Node({ node }: { node: LineageNode }) {
  const navigate = useNavigation((s) => s.navigate);
  if (node.kind === 'dataset')
    return (
      <a
        className="km-node"
        data-kind="dataset"
        href={`#/datasets?dataset=${encodeURIComponent(node.dataset)}&version=${node.version}`}
        title={`${node.dataset}@${node.version} · ${node.digest}`}
        onClick={(e) => {
          e.preventDefault();
          navigate('datasets', { dataset: node.dataset, version: String(node.version) });
        }}
      >
        <span className="km-node-kind">dataset</span>
        <span className="km-node-name">
          {node.dataset}@{node.version}
        </span>
      </a>
    );
  if (node.kind === 'run')
    return (
      <a
        className="km-node"
        data-kind="run"
        href={`#/runs?run=${encodeURIComponent(node.runId)}`}
        title={node.runId}
        onClick={(e) => {
          e.preventDefault();
          navigate('runs', { run: node.runId });
        }}
      >
        <span className="km-node-kind">run{node.stage ? ` · ${node.stage}` : ''}</span>
        <span className="km-node-name">{node.label}</span>
      </a>
    );
  return (
    <span className="km-node" data-kind={node.kind}>
      <span className="km-node-kind">{node.kind === 'model' ? 'model' : 'no run'}</span>
      <span className="km-node-name">{node.label}</span>
    </span>
  );
}
