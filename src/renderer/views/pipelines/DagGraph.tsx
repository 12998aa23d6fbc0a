import { useMemo } from 'react';
import type { PipelineView, StageStatus, StageStaleness } from '../../../shared/contract/index.js';
import { layoutDag, NODE_H, NODE_W } from './dag-layout';
import { DagNode } from './DagNode';

interface Props {
  pipeline: PipelineView;
  states: Record<string, StageStatus>;
  staleness: Record<string, StageStaleness>;
  selected: string | null;
  onSelect(stage: string): void;
  /** kiln.yaml has problems: this is the last valid version, drawn dimmed */
  stale?: boolean;
}

function pathOf(points: { x: number; y: number }[]): string {
  return points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
}

/** The pipeline as a left-to-right graph, one node per stage with its live state. */
export function DagGraph({ pipeline, states, staleness, selected, onSelect, stale = false }: Props) {
  const layout = useMemo(() => layoutDag(pipeline), [pipeline]);
  return (
    // stale: kiln.yaml has problems and this is the last version that had none, drawn dimmed
    <div
      className={stale ? 'kp-dag kp-dag-stale' : 'kp-dag'}
      role="group"
      aria-label="pipeline graph"
      title={stale ? 'kiln.yaml has problems: this is its last version that had none' : undefined}
    >
      <svg width={layout.width} height={layout.height} viewBox={`0 0 ${layout.width} ${layout.height}`}>
        <defs>
          <marker id="kp-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="8" markerHeight="8" orient="auto">
            <path d="M0,0 L8,4 L0,8 z" className="kp-dag-arrow" />
          </marker>
        </defs>
        {layout.edges.map((e) => (
          <g key={`${e.from}-${e.to}`} className="kp-dag-edge">
            <path d={pathOf(e.points)} markerEnd="url(#kp-arrow)" />
            <title>{`${e.from} → ${e.to}: ${e.label}`}</title>
          </g>
        ))}
        {layout.nodes.map((n) => (
          <foreignObject key={n.name} x={n.x - NODE_W / 2} y={n.y - NODE_H / 2} width={NODE_W} height={NODE_H}>
            <DagNode name={n.name} state={states[n.name] ?? null} staleness={staleness[n.name]} selected={selected === n.name} onSelect={onSelect} />
          </foreignObject>
        ))}
      </svg>
    </div>
  );
}
