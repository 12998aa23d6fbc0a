import type { RunRow } from '../../../shared/contract/index.js';
import { RelativeTime } from '../../components/RelativeTime';
import { formatNumber } from '../../../shared/format.js';
import { LiveDuration } from '../../components/LiveDuration';
import { StateBadge } from '../pipelines/StateBadge';
import { meaningfulName, paramValue, type RunColumn } from './run-columns';

/** One cell of the runs table. */
export function RunCell({ col, run }: { col: RunColumn; run: RunRow }) {
  switch (col.kind) {
    case 'status':
      return <StateBadge state={run.status} />;
    case 'name':
      return (
        <span className="ellipsis" title={run.id}>
          <span className="num faint">#{run.seq}</span> {meaningfulName(run.seq, run.name)}
        </span>
      );
    case 'start':
      return <RelativeTime t={run.startedAt ?? run.createdAt} />;
    case 'duration':
      return <LiveDuration startedAt={run.startedAt} endedAt={run.endedAt} durationMs={run.durationMs} running={run.status === 'running'} />;
    case 'datasets': {
      const used = run.datasets.filter((d) => d.role === 'input');
      const text = used.map((d) => `${d.dataset}@${d.version}`).join(', ');
      return (
        <span className="ellipsis" title={text}>
          {text || <span className="faint">—</span>}
        </span>
      );
    }
    case 'tags':
      return (
        <span className="kr-tags">
          {run.tags.map((t) => (
            <span key={t} className="pill">
              {t}
            </span>
          ))}
        </span>
      );
    case 'notes':
      return (
        <span className="ellipsis muted" title={run.notes}>
          {run.notes.split('\n')[0]}
        </span>
      );
    case 'param':
      return (
        <span className="ellipsis num" title={paramValue(run, col.key!)}>
          {paramValue(run, col.key!)}
        </span>
      );
    case 'metric': {
      const s = run.metrics[col.key!];
      return (
        <span
          className="num"
          title={s ? `last ${formatNumber(s.last)} · min ${formatNumber(s.min)} · max ${formatNumber(s.max)} · ${s.count} points` : undefined}
        >
          {s ? formatNumber(s.last) : <span className="faint">—</span>}
        </span>
      );
    }
  }
}
