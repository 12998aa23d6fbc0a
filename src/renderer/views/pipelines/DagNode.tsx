import type { StageStatus, StageStaleness } from '../../../shared/contract/index.js';
import { StateBadge } from './StateBadge';

interface Props {
  name: string;
  state: StageStatus | null;
  staleness: StageStaleness | undefined;
  selected: boolean;
  onSelect(stage: string): void;
}

/** One stage on the graph: its name, its live state, and whether the next run will execute it. */
export function DagNode({ name, state, staleness, selected, onSelect }: Props) {
  const stale = staleness?.stale;
  return (
    <button
      type="button"
      className="kp-node"
      data-selected={selected || undefined}
      data-state={state ?? 'idle'}
      data-testid={`stage-${name}`}
      onClick={() => onSelect(name)}
      title={staleness?.reasons.map((r) => r.message).join('\n') || undefined}
    >
      <span className="kp-node-name">{name}</span>
      <span className="kp-node-meta">
        {state ? <StateBadge state={state} /> : <span className="kp-muted">not run yet</span>}
        {stale !== undefined ? (
          <span className="kp-node-stale" data-stale={stale}>
            {stale ? 'stale' : 'up to date'}
          </span>
        ) : null}
      </span>
    </button>
  );
}
