import type { RunStageInfo } from '../../../shared/contract/index.js';
import { LiveDuration } from '../../components/LiveDuration';
import { StateBadge } from '../pipelines/StateBadge';

/** Each stage of the run: state, cache hit or miss, how long it took, how it ended. */
export function RunStages({ stages, selected, onSelect }: { stages: RunStageInfo[]; selected: string | null; onSelect(stage: string): void }) {
  if (stages.length === 0) return <div className="muted">No stages: this run was imported.</div>;
  return (
    <table className="table kr-stages">
      <thead>
        <tr>
          <th>Stage</th>
          <th>State</th>
          <th>Cache</th>
          <th className="num">Duration</th>
          <th className="num">Exit</th>
          <th>Error</th>
        </tr>
      </thead>
      <tbody>
        {stages.map((s) => (
          <tr
            key={s.stage}
            data-selected={selected === s.stage || undefined}
            onClick={() => onSelect(s.stage)}
            className="kr-clickable"
            data-testid={`run-stage-${s.stage}`}
          >
            <td>{s.stage}</td>
            <td>
              <StateBadge state={s.cached && s.status !== 'failed' ? 'cached' : s.status} />
            </td>
            <td className="muted">{s.cached ? 'hit' : 'miss'}</td>
            <td className="num" data-testid="stage-duration">
              <LiveDuration startedAt={s.startedAt} endedAt={s.endedAt} durationMs={s.durationMs} running={s.status === 'running'} />
            </td>
            <td className="num">{s.exitCode ?? '—'}</td>
            <td className="kr-stage-error ellipsis" title={s.error ?? undefined}>
              {s.oomKilled ? 'out of memory · ' : ''}
              {s.error ?? ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
