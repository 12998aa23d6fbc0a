import { useState, type ReactNode } from 'react';
import { ArrowLeft, Trash2, Undo2 } from 'lucide-react';
import type { Deployment, EvalReport } from '../../../shared/contract/index.js';
import { formatDuration } from '../../../shared/format.js';
import { useDeployments } from '../../stores/deployments';
import { useNavigation } from '../../stores/navigation';
import { Button } from '../../components/Button';
import { Digest } from '../../components/Digest';
import { ErrorBanner } from '../../components/ErrorBanner';
import { RelativeTime } from '../../components/RelativeTime';
import { Spinner } from '../../components/Spinner';
import { StatusDot } from '../../components/StatusDot';
import { GateReport } from '../models/GateReport';
import { HistoryTable } from './HistoryTable';
import { LiveCharts } from './LiveCharts';
import { ReplicaTable } from './ReplicaTable';
import { RemoveDeploymentDialog } from './RemoveDeploymentDialog';
import { RollbackDeploymentDialog } from './RollbackDeploymentDialog';
import { STATUS_TONE } from './deployment-status';
import { useLiveStats } from './use-live-stats';

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="card" aria-label={title} data-testid={testId}>
      <div className="card-head">
        <h3>{title}</h3>
      </div>
      <div className="card-body">{children}</div>
    </section>
  );
}

const PARTS: [keyof Deployment['timings'], string][] = [
  ['build', 'build'],
  ['push', 'push'],
  ['rollout', 'roll-out'],
  ['smoke', 'smoke test'],
  ['rollback', 'rollback'],
  ['total', 'total'],
];

/** One deployment: live charts and replicas while it serves, its gate report, how the rollout went, and its model's history on the target. */
export function DeploymentPage({ id }: { id: string }) {
  const list = useDeployments((s) => s.list);
  const error = useDeployments((s) => s.error);
  const navigate = useNavigation((s) => s.navigate);
  const [dialog, setDialog] = useState<'rollback' | 'remove' | null>(null);
  const d = list?.find((x) => x.id === id);
  const stats = useLiveStats(id, d?.status === 'live');
  const back = () => navigate('deployments');
  if (!d) {
    return (
      <div className="dp-page">
        <div className="dp-head">
          <Button variant="ghost" size="small" icon={<ArrowLeft size={14} />} onClick={back} aria-label="All deployments" />
          <h1>Deployment</h1>
        </div>
        {error != null ? (
          <ErrorBanner error={error} title="Could not list deployments" />
        ) : list ? (
          <div className="muted">No deployment {id}.</div>
        ) : (
          <Spinner />
        )}
      </div>
    );
  }
  const history = list!.filter((x) => x.model === d.model && x.target === d.target).sort((a, b) => b.seq - a.seq);
  const previous = d.previousId ? list!.find((x) => x.id === d.previousId) : undefined;
  const last = stats.at(-1);
  const live = d.status === 'live';
  const report = d.gateReport as EvalReport | null;
  return (
    <div className="dp-page" data-testid="deployment-page" data-status={d.status}>
      <header className="dp-head">
        <Button variant="ghost" size="small" icon={<ArrowLeft size={14} />} onClick={back} aria-label="All deployments" />
        <h1>
          {d.model} <span className="muted">v{d.version}</span> <span className="muted">on {d.target}</span>
        </h1>
        <StatusDot tone={STATUS_TONE[d.status]} label={d.status} />
        <span className="pill">#{d.seq}</span>
        <span className="dp-head-actions">
          {live && (
            <Button
              icon={<Undo2 size={14} />}
              disabled={!d.previousId}
              title={d.previousId ? 'Return to the deployment live before this one' : 'The first deployment of this model here: nothing to roll back to'}
              onClick={() => setDialog('rollback')}
            >
              Rollback…
            </Button>
          )}
          <Button variant="danger" icon={<Trash2 size={14} />} disabled={d.status === 'deploying'} onClick={() => setDialog('remove')}>
            Remove…
          </Button>
        </span>
      </header>
      <div className="dp-meta muted num">
        {live && d.url ? (
          <a className="mono" href={d.url} target="_blank" rel="noreferrer" data-testid="deployment-url">
            {d.url}
          </a>
        ) : (
          <span>{live ? 'not published' : 'not serving'}</span>
        )}
        <span>·</span>
        <span>
          {d.kind === 'rollback' ? 'rollback' : 'deployed'} <RelativeTime t={d.createdAt} />
        </span>
        <span>·</span>
        <span className="mono">{d.service}</span>
        {d.image && <Digest value={d.image.includes('@') ? d.image.slice(d.image.indexOf('@') + 1) : d.image} />}
        <button type="button" className="dp-link" onClick={() => navigate('models', { model: d.model, version: String(d.version) })}>
          Open {d.model} v{d.version}
        </button>
      </div>
      {d.reason && (
        <div className="banner-slot">
          <ErrorBanner error={new Error(d.reason)} title={d.status === 'rolled-back' ? 'Rolled back' : d.status === 'failed' ? 'Failed' : 'Note'} />
        </div>
      )}
      {live && (
        <Section title="Live" testId="live">
          <LiveCharts samples={stats} />
        </Section>
      )}
      <div className="dp-grid">
        <Section title="Serving" testId="serving">
          <dl className="kv">
            <dt>Served version</dt>
            <dd data-testid="served-version">{live ? (last?.servedVersion ? `v${last.servedVersion}` : '…') : '—'}</dd>
            <dt>Replicas</dt>
            <dd>
              {live && last ? `${last.replicas.filter((r) => r.healthy).length} healthy of ${d.replicas}` : `${d.replicas} desired`}
              {d.gpus ? `, ${d.gpus} GPU${d.gpus === 1 ? '' : 's'} each` : ''}
              {d.memory ? `, ${d.memory} memory` : ''}
              {d.cpus ? `, ${d.cpus} CPUs` : ''}
            </dd>
            <dt>Smoke test</dt>
            <dd>{d.smoke ? `${d.smoke.ok ? 'passed' : 'failed'}: ${d.smoke.message}` : '—'}</dd>
            <dt>Took</dt>
            <dd className="num">
              {PARTS.filter(([k]) => d.timings[k] !== undefined)
                .map(([k, label]) => `${label} ${formatDuration(d.timings[k]! * 1000)}`)
                .join(' · ') || '—'}
            </dd>
          </dl>
          {live && <ReplicaTable stats={last} />}
        </Section>
        <Section title={`Gate report of v${d.version}`} testId="deployment-gates">
          {report?.gates ? <GateReport gates={report.gates} /> : <div className="muted">v{d.version} was not evaluated when it was deployed.</div>}
        </Section>
      </div>
      <Section title={`History of ${d.model} on ${d.target}`}>
        <HistoryTable history={history} current={d.id} />
      </Section>
      <RollbackDeploymentDialog open={dialog === 'rollback'} d={d} previous={previous} onClose={() => setDialog(null)} />
      <RemoveDeploymentDialog open={dialog === 'remove'} d={d} onClose={() => setDialog(null)} />
    </div>
  );
}
