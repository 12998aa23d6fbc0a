import { Play, Square } from 'lucide-react';
import { Button } from '../../components/Button';
import { RelativeTime } from '../../components/RelativeTime';
import { formatDuration } from '../../../shared/format.js';
import type { LiveRun } from '../../stores/pipelines';
import { StateBadge } from './StateBadge';
import { useNow } from './use-now';

interface Props {
  run: LiveRun | null;
  starting: boolean;
  canRun: boolean;
  force: boolean;
  onForce(v: boolean): void;
  onRun(): void;
  onCancel(): void;
  onOpenRun(runId: string): void;
}

/** Run (optionally forcing every stage), Cancel, and the latest run's state at a glance. */
export function RunToolbar({ run, starting, canRun, force, onForce, onRun, onCancel, onOpenRun }: Props) {
  const running = starting || run?.status === 'running';
  const now = useNow(running ? 1000 : 0);
  return (
    <div className="kp-toolbar" role="toolbar" aria-label="pipeline actions">
      <Button variant="primary" icon={<Play size={14} />} disabled={!canRun || running} onClick={onRun} title="Run stale stages (Ctrl+Enter)">
        Run
      </Button>
      <label className="kp-check" title="Run every stage even when its cache is up to date">
        <input type="checkbox" checked={force} onChange={(e) => onForce(e.target.checked)} /> Force
      </label>
      <Button icon={<Square size={12} />} disabled={!running || !run} onClick={onCancel} variant="danger">
        Cancel
      </Button>
      <div className="kp-toolbar-run" aria-live="polite">
        {starting && !run ? <span className="muted">starting…</span> : null}
        {run ? (
          <>
            <button type="button" className="kp-link" onClick={() => onOpenRun(run.runId)} title="Open this run">
              Run #{run.seq}
            </button>
            <span data-testid="run-status">
              <StateBadge state={run.status} />
            </span>
            <RelativeTime t={run.startedAt} />
            <span className="num muted">{formatDuration((run.endedAt ?? now) - run.startedAt)}</span>
            {/* the failed stage shows the error already: one message per failure, not two */}
            {run.error && !Object.values(run.results).some((r) => r.error === run.error) ? (
              <span className="kp-run-error ellipsis" title={run.error}>
                {run.error}
              </span>
            ) : null}
          </>
        ) : null}
      </div>
    </div>
  );
}
