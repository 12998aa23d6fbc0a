import { useEffect } from 'react';
import type { RunStageInfo } from '../../../shared/contract/index.js';
import { ErrorBanner } from '../../components/ErrorBanner';
import { logHub } from '../../stores/log-hub';
import { LogView } from '../pipelines/LogView';
import { useLogBacklog } from '../pipelines/use-log-backlog';

/** The log of one stage of the run at a time: read from its file, then followed live while it runs. */
export function RunLogs({ runId, stages, stage, onStage }: { runId: string; stages: RunStageInfo[]; stage: string | null; onStage(s: string): void }) {
  const withLogs = stages.filter((s) => s.logPath || s.status === 'running');
  const current = stage && withLogs.some((s) => s.stage === stage) ? stage : (withLogs[0]?.stage ?? null);
  useEffect(() => logHub.start(), []);
  const backlog = useLogBacklog(current ? runId : null, current);
  if (withLogs.length === 0)
    return (
      <div className="muted">
        {stages.length === 0 ? 'No logs: this run was imported from a metrics file.' : 'No logs: every stage was cached or none ran.'}
      </div>
    );
  return (
    <div className="kr-logs">
      <div className="kr-tabs" role="tablist">
        {withLogs.map((s) => (
          <button key={s.stage} type="button" role="tab" aria-selected={s.stage === current} className="kr-tab" onClick={() => onStage(s.stage)}>
            {s.stage}
          </button>
        ))}
      </div>
      {backlog.error ? <ErrorBanner error={backlog.error} title="Could not read the log" /> : null}
      {current ? <LogView key={current} runId={runId} stage={current} emptyText={backlog.loading ? 'Reading the log…' : 'The stage printed nothing.'} /> : null}
    </div>
  );
}
