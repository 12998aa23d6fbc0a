import { useEffect, useMemo, useState } from 'react';
import { Workflow } from 'lucide-react';
import { usePipelines } from '../../stores/pipelines';
import { useNavigation } from '../../stores/navigation';
import { useEngine } from '../../stores/engine';
import { useGpus } from '../../stores/gpus';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Spinner } from '../../components/Spinner';
import { DagGraph } from './DagGraph';
import { EngineNotice } from './EngineNotice';
import { ImageNotice } from './ImageNotice';
import { GpuPanel } from './GpuPanel';
import { RunToolbar } from './RunToolbar';
import { SpecIssues } from './SpecIssues';
import { SpecEditor } from './SpecEditor';
import { FileCode } from 'lucide-react';
import { Button } from '../../components/Button';
import { StagePanel } from './StagePanel';
import './pipelines.css';

/** kiln.yaml as a graph with live stage states, Run/Cancel, the selected stage's log and the GPUs. */
export function PipelinesView() {
  const s = usePipelines();
  const navigate = useNavigation((n) => n.navigate);
  const engine = useEngine((e) => e.status);
  const gpus = useGpus((g) => g.list);
  const holders = useGpus((g) => g.holders);
  const [force, setForce] = useState(false);
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    void s.load();
    // load once per visit; the store follows events from then on
  }, []);

  const valid = s.spec?.pipeline ?? null;
  // while kiln.yaml has problems the last good DAG stays drawn, dimmed, and Run waits for a fix
  const pipeline = valid ?? (s.spec?.exists ? s.lastPipeline : null);
  const staleness = useMemo(() => Object.fromEntries((s.spec?.staleness ?? []).map((x) => [x.stage, x])), [s.spec]);
  const selected = s.selectedStage && pipeline?.stages.some((x) => x.name === s.selectedStage) ? s.selectedStage : (pipeline?.order[0] ?? null);
  const live = s.run?.status === 'running';
  const start = () => void s.start({ force });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter' && valid && !live && !s.pendingJob) start();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <div className="kp-view">
      <header className="kp-header">
        <h1>Pipeline</h1>
        {s.spec ? <span className="mono faint">{s.spec.file}</span> : null}
        {s.loading ? <Spinner /> : null}
        <span className="kp-header-actions">
          <Button size="small" icon={<FileCode size={13} />} aria-pressed={editing} onClick={() => setEditing(!editing)}>
            {editing ? 'Close the editor' : 'Edit kiln.yaml'}
          </Button>
        </span>
      </header>
      <RunToolbar
        run={s.run}
        starting={!!s.pendingJob}
        canRun={!!valid && engine?.state !== 'unreachable'}
        force={force}
        onForce={setForce}
        onRun={start}
        onCancel={() => void s.cancel()}
        onOpenRun={(id) => navigate('runs', { run: id })}
      />
      <div className="kp-notices">
        <EngineNotice engine={engine} onRetry={() => void s.load()} />
        <ImageNotice images={s.images} building={s.buildingImage} onBuild={() => void s.buildNodeImage()} />
        {s.loadError ? <ErrorBanner error={s.loadError.message} title="Could not read the pipeline" /> : null}
        {s.runError ? (
          <ErrorBanner error={s.runError.message} title="The run did not start" onDismiss={() => usePipelines.setState({ runError: null })} />
        ) : null}
        {s.spec ? <SpecIssues issues={s.spec.issues} /> : null}
      </div>
      {editing ? <SpecEditor onClose={() => setEditing(false)} /> : null}
      {s.spec && !s.spec.exists && !editing ? (
        <EmptyState
          icon={<Workflow size={28} />}
          title="No kiln.yaml in this workspace"
          hint="Create kiln.yaml with your stages (image, cmd, inputs, outputs), or start from the example with `kiln init --example`."
        />
      ) : null}
      {pipeline ? (
        <div className="kp-body">
          <div className="kp-main">
            <DagGraph stale={!valid} pipeline={pipeline} states={s.run?.states ?? {}} staleness={staleness} selected={selected} onSelect={s.select} />
            {selected ? (
              <StagePanel
                key={`${s.run?.runId ?? ''}/${selected}`}
                stage={selected}
                runId={s.run && selected in s.run.states ? s.run.runId : null}
                live={live}
                state={s.run?.states[selected]}
                spec={pipeline.stages.find((x) => x.name === selected)}
                result={s.run?.results[selected]}
                staleness={staleness[selected]}
              />
            ) : null}
          </div>
          <aside className="kp-side">
            <GpuPanel gpus={gpus?.gpus ?? []} holders={holders} reason={gpus?.reason ?? null} />
          </aside>
        </div>
      ) : null}
    </div>
  );
}
