import { useState, type ReactNode } from 'react';
import { ArrowLeft, ArrowUpCircle, FlaskConical, GitCompare, Rocket, Undo2, Upload } from 'lucide-react';
import type { AliasEvent, EvalReport, ModelVersion } from '../../../shared/contract/index.js';
import { refreshModelViews, useModelView } from '../../stores/models';
import { useModels } from '../../stores/models';
import { useNavigation } from '../../stores/navigation';
import { Button } from '../../components/Button';
import { Digest } from '../../components/Digest';
import { ErrorBanner } from '../../components/ErrorBanner';
import { RelativeTime } from '../../components/RelativeTime';
import { Spinner } from '../../components/Spinner';
import { formatBytes } from '../../../shared/format.js';
import { AliasPills } from './AliasPills';
import { EvalDetails } from './EvalDetails';
import { GateReport } from './GateReport';
import { GateStatus } from './GateStatus';
import { LineageFacts } from './LineageFacts';
import { LineageGraph } from './LineageGraph';
import { ModelCard } from './ModelCard';
import { ModelFiles } from './ModelFiles';
import { PromoteDialog } from './PromoteDialog';
import { RollbackDialog } from './RollbackDialog';
import { RunMetricsTable } from './RunMetricsTable';
import { SignatureTable } from './SignatureTable';
import { TaskProgress } from './TaskProgress';
import { useModelDialogs } from './model-dialogs';
import { DeployDialog } from '../deployments/DeployDialog';
import { PushDialog } from '../push/PushDialog';

/**
 * The report to show: the version's own when it carries gate results; else the one its latest
 * promotion checked (a promotion stores the gated report in the alias log).
 */
function gateReportOf(v: ModelVersion, events: readonly AliasEvent[]): EvalReport | null {
  if (v.gateReport?.gates.length) return v.gateReport;
  const promoted = [...events].reverse().find((e) => e.kind === 'promote' && e.toVersion === v.version && e.gateReport)?.gateReport;
  return promoted ?? v.gateReport;
}

function Section({ title, actions, children, testId }: { title: string; actions?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <section className="card km-section" aria-label={title} data-testid={testId}>
      <div className="card-head">
        <h3>{title}</h3>
        {actions && <span className="km-section-actions">{actions}</span>}
      </div>
      <div className="card-body">{children}</div>
    </section>
  );
}

/** One version: lineage graph, gate report and evaluation, model card, signature, run metrics, files; Promote, Rollback, Evaluate, Deploy. */
export function ModelVersionPage({ model, version, file }: { model: string; version: string; file?: string }) {
  const navigate = useNavigation((s) => s.navigate);
  const ref = `${model}@${version}`;
  const got = useModelView('models:get', { ref });
  const history = useModelView('models:history', { name: model });
  const cfg = useModelView('models:config', { name: model });
  const task = useModels((s) => s.tasks[ref]);
  const hasAliases = useModels((s) => Object.keys(s.list?.find((m) => m.name === model)?.aliases ?? {}).length > 0);
  const dialogs = useModelDialogs();
  const [evalError, setEvalError] = useState<unknown>(null);
  const [deploying, setDeploying] = useState(false);
  const [pushing, setPushing] = useState(false);
  const v = got.data;
  const back = () => navigate('models', { model });
  const evaluate = async () => {
    setEvalError(null);
    try {
      await useModels.getState().validate(v ? `${model}@${v.version}` : ref);
      refreshModelViews(model);
    } catch (e) {
      setEvalError(e);
    }
  };

  if (!v) {
    return (
      <div className="km-page">
        <header className="km-head">
          <Button variant="ghost" size="small" icon={<ArrowLeft size={14} />} onClick={back} aria-label={`All versions of ${model}`} />
          <h1>
            {model} <span className="muted">{/^\d+$/.test(version) ? `v${version}` : version}</span>
          </h1>
        </header>
        {got.error != null ? <ErrorBanner error={got.error} title={`Could not open ${ref}`} /> : <Spinner />}
      </div>
    );
  }
  const exact = `${model}@${v.version}`;
  const report = gateReportOf(v, history.data?.events ?? []);
  const declaredGates = cfg.data?.gates.length ?? 0;
  return (
    <div className="km-page" data-testid="model-version-page">
      <header className="km-head">
        <Button variant="ghost" size="small" icon={<ArrowLeft size={14} />} onClick={back} aria-label={`All versions of ${model}`} />
        <h1>
          {model} <span className="muted">v{v.version}</span>
        </h1>
        <AliasPills aliases={v.aliases} />
        <span className="pill">{v.format}</span>
        {v.unsafe && (
          <span className="pill" title={v.warnings.join('\n')}>
            unsafe: never loaded
          </span>
        )}
        <Digest value={v.digest} />
        <GateStatus v={v} report={report} />
        <span className="km-head-actions">
          {v.version > 1 && (
            <Button icon={<GitCompare size={14} />} onClick={() => navigate('models', { model, compare: `${v.version - 1},${v.version}` })}>
              Compare with v{v.version - 1}
            </Button>
          )}
          <Button
            icon={<FlaskConical size={14} />}
            disabled={!!task || v.unsafe}
            onClick={() => void evaluate()}
            title={v.unsafe ? 'pickle files execute code when loaded: Kiln never loads them' : 'Evaluate on the holdout and run the gates'}
          >
            {task?.kind === 'validate' ? 'Evaluating…' : 'Evaluate'}
          </Button>
          <Button icon={<Upload size={14} />} onClick={() => setPushing(true)} title="Push this version to an OCI registry as a ModelPack artifact">
            Push…
          </Button>
          {hasAliases && (
            <Button icon={<Undo2 size={14} />} onClick={() => dialogs.openRollback(model, v.aliases[0])}>
              Rollback…
            </Button>
          )}
          <Button variant="primary" icon={<ArrowUpCircle size={14} />} disabled={!!task} onClick={() => dialogs.openPromote(model, v.version)}>
            Promote…
          </Button>
          <Button
            icon={<Rocket size={14} />}
            disabled={v.unsafe}
            title={v.unsafe ? 'pickle files execute code when loaded: Kiln never serves them' : 'Serve this version on a Swarm or Kubernetes target'}
            onClick={() => setDeploying(true)}
          >
            Deploy…
          </Button>
        </span>
      </header>
      <div className="km-meta muted num">
        <span>
          {v.files.toLocaleString('en-US')} file{v.files === 1 ? '' : 's'}, {formatBytes(v.sizeBytes)}
        </span>
        <span>·</span>
        <span>
          registered <RelativeTime t={v.createdAt} />
          {v.author ? ` by ${v.author}` : ''}
        </span>
        {v.warnings.map((w) => (
          <span key={w} className="pill" title={w}>
            {w.length > 60 ? `${w.slice(0, 60)}…` : w}
          </span>
        ))}
      </div>
      {v.message && (
        <p className="km-message" data-testid="model-version-message">
          {v.message}
        </p>
      )}
      {task && <TaskProgress task={task} />}
      {evalError != null && <ErrorBanner error={evalError} title="The evaluation did not finish" onDismiss={() => setEvalError(null)} />}
      <Section title="Lineage" testId="lineage">
        <LineageGraph model={model} version={v.version} lineage={v.lineage} />
        <LineageFacts lineage={v.lineage} />
      </Section>
      <div className="km-grid">
        <div className="km-stack">
          <Section title="Gate report" testId="gates">
            {report ? (
              <>
                {report.gates.length === 0 && declaredGates > 0 ? (
                  <div className="muted">
                    kiln.yaml declares {declaredGates} gate{declaredGates === 1 ? '' : 's'}; this evaluation did not run them. Evaluate runs them against the
                    current alias holders.
                  </div>
                ) : (
                  <GateReport gates={report.gates} />
                )}
                <EvalDetails report={report} />
              </>
            ) : (
              <div className="muted">
                Not evaluated yet. Evaluate runs the model on the holdout declared in kiln.yaml and checks each gate; Promote does it too.
              </div>
            )}
          </Section>
          <ModelCard modelRef={exact} card={v.card} onSaved={() => refreshModelViews(model)} />
        </div>
        <div className="km-stack">
          <Section title="Signature">
            <SignatureTable signature={v.signature} />
          </Section>
          <Section title="Run metrics">
            <RunMetricsTable metrics={v.metrics} />
          </Section>
        </div>
      </div>
      <ModelFiles modelRef={exact} file={file} onSelect={(path) => navigate('models', { model, version: String(v.version), file: path })} />
      <PromoteDialog
        open={dialogs.promote?.model === model && dialogs.promote.version === v.version}
        model={model}
        version={v.version}
        onClose={dialogs.close}
      />
      <DeployDialog open={deploying} model={model} version={v.version} onClose={() => setDeploying(false)} />
      {pushing && (
        <PushDialog
          open
          onClose={() => setPushing(false)}
          subject={{ kind: 'model', ref: exact }}
          suggestion={`127.0.0.1:5000/${model.toLowerCase()}:${v.version}`}
        />
      )}
      <RollbackDialog open={dialogs.rollback?.model === model} model={model} initialAlias={dialogs.rollback?.alias} onClose={dialogs.close} />
    </div>
  );
}
