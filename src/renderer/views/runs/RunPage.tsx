import { useState } from 'react';
import { ArrowLeft } from 'lucide-react';
import { useRunDetails } from '../../stores/run-detail';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { RelativeTime } from '../../components/RelativeTime';
import { Spinner } from '../../components/Spinner';
import { LiveDuration } from '../../components/LiveDuration';
import { useNavigation } from '../../stores/navigation';
import { StateBadge } from '../pipelines/StateBadge';
import { DeleteRunsButton } from './DeleteRunsButton';
import { RunCharts } from './RunCharts';
import { RunDatasets } from './RunDatasets';
import { RunLineage } from './RunLineage';
import { RunLogs } from './RunLogs';
import { RunMetrics } from './RunMetrics';
import { RunNotes } from './RunNotes';
import { RunOutputs } from './RunOutputs';
import { RunParams } from './RunParams';
import { RunStages } from './RunStages';
import { RunTags } from './RunTags';
import { Section } from './Section';
import { useRunDetail } from './use-run-detail';
import { runLabel } from './run-columns';

/** One run: stages, params, datasets, metrics with charts, logs, tags and notes; live while it runs. */
export function RunPage({ runId }: { runId: string }) {
  const navigate = useNavigation((n) => n.navigate);
  const { detail, metrics, error, reload, tick } = useRunDetail(runId);
  const [focused, setFocused] = useState<string | null>(null);
  const [stage, setStage] = useState<string | null>(null);
  const back = () => navigate('runs');

  if (error && !detail) {
    return (
      <div className="kr-view">
        <Button variant="ghost" icon={<ArrowLeft size={14} />} onClick={back}>
          All runs
        </Button>
        <ErrorBanner error={error} title="Could not open this run" />
      </div>
    );
  }
  if (!detail) {
    return (
      <div className="kr-view">
        <Spinner />
      </div>
    );
  }
  const label = runLabel(detail.seq, detail.name);
  return (
    <div className="kr-page" data-testid="run-page">
      <header className="kr-header">
        <Button variant="ghost" size="small" icon={<ArrowLeft size={14} />} onClick={back} aria-label="All runs" />
        <h1>Run {label}</h1>
        <StateBadge state={detail.status} />
        <span className="muted">
          <RelativeTime t={detail.startedAt ?? detail.createdAt} /> ·{' '}
          <span data-testid="run-duration">
            <LiveDuration startedAt={detail.startedAt} endedAt={detail.endedAt} durationMs={detail.durationMs} running={detail.status === 'running'} />
          </span>
        </span>
        <span className="mono faint" title="run id">
          {detail.id}
        </span>
        <span className="kr-header-actions">
          <DeleteRunsButton
            count={1}
            running={detail.status === 'running'}
            onDelete={async () => {
              await useRunDetails.getState().remove(detail.id);
              back();
            }}
          />
        </span>
      </header>
      {detail.error ? <ErrorBanner error={detail.error} title="The run failed" /> : null}
      <div className="kr-columns">
        <Section title="Stages">
          <RunStages stages={detail.stages} selected={stage} onSelect={setStage} />
        </Section>
        <Section title="Params">
          <RunParams params={detail.params} />
        </Section>
        <Section title="Tags and notes">
          <RunTags runId={detail.id} tags={detail.tags} onChange={reload} />
          <RunNotes runId={detail.id} notes={detail.notes} onChange={reload} />
        </Section>
      </div>
      <Section title="Datasets and outputs">
        <RunLineage detail={detail} label={label} />
        <RunDatasets datasets={detail.datasets} />
        <RunOutputs runId={detail.id} outputs={detail.outputs ?? []} />
      </Section>
      <Section title="Metrics">
        <RunMetrics metrics={metrics} focused={focused} onFocus={setFocused} />
        <RunCharts runId={detail.id} label={label} metrics={metrics} focused={focused} tick={tick} />
      </Section>
      <Section title="Logs">
        <RunLogs runId={detail.id} stages={detail.stages} stage={stage} onStage={setStage} />
      </Section>
    </div>
  );
}
