import type { RunStageInfo, StageSpec, StageStatus, StageStaleness } from '../../../shared/contract/index.js';
import { ErrorBanner } from '../../components/ErrorBanner';
import { LogView } from './LogView';
import { StageDetails } from './StageDetails';
import { StateBadge } from './StateBadge';
import { useLogBacklog } from './use-log-backlog';

interface Props {
  stage: string;
  runId: string | null;
  live: boolean;
  state: StageStatus | undefined;
  spec: StageSpec | undefined;
  result: RunStageInfo | undefined;
  staleness: StageStaleness | undefined;
}

/** The selected stage: its facts, why it is stale, and its live log. */
export function StagePanel({ stage, runId, live, state, spec, result, staleness }: Props) {
  // a stage of a live run streams into the ring; read the file for stages that ran before this
  // window saw them (cached, queued and skipped stages have no log)
  const hasLog = state === 'done' || state === 'failed' || state === 'cancelled' || (!live && state === 'running');
  const backlog = useLogBacklog(hasLog ? runId : null, stage);
  return (
    <section className="kp-stage card" aria-label={`stage ${stage}`}>
      <div className="card-head">
        <h2>{stage}</h2>
        {state ? <StateBadge state={state} /> : null}
      </div>
      <StageDetails spec={spec} result={result} staleness={staleness} />
      {backlog.error ? <ErrorBanner error={backlog.error} title="Could not read this stage's log" /> : null}
      {runId ? (
        <LogView
          runId={runId}
          stage={stage}
          emptyText={backlog.loading ? 'Reading the log…' : state === 'cached' ? 'Cached: restored without running, so there is no log.' : 'No output yet.'}
        />
      ) : (
        <div className="kp-log-placeholder muted">Run the pipeline to see this stage's log here.</div>
      )}
    </section>
  );
}
