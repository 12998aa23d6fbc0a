import { useEffect, useState } from 'react';
import type { Deployment } from '../../../shared/contract/index.js';
import { useDeployments } from '../../stores/deployments';
import { useJobs } from '../../stores/jobs';
import { useNavigation } from '../../stores/navigation';
import { newId } from '../../lib/new-id';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { JobProgress } from '../../components/JobProgress';
import { DEPLOY_STEPS, phaseText, stepOf } from './deploy-phases';
import './deployments.css';

const num = (s: string) => (s.trim() === '' ? undefined : Number(s));

/**
 * Deploy one model version: target, replicas, port and limits; then the phases (build, push,
 * roll-out, health, smoke test) with cancel; then live with its URL, or rolled back with why.
 */
export function DeployDialog({ open, model, version, onClose }: { open: boolean; model: string; version: number; onClose(): void }) {
  const targets = useDeployments((s) => s.targets);
  const navigate = useNavigation((s) => s.navigate);
  const [target, setTarget] = useState('');
  const [replicas, setReplicas] = useState('1');
  const [port, setPort] = useState('');
  const [memory, setMemory] = useState('');
  const [cpus, setCpus] = useState('');
  const [gpus, setGpus] = useState('0');
  const [jobId, setJobId] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<Deployment | null>(null);
  const [error, setError] = useState<unknown>(null);
  const progress = useJobs((s) => (jobId ? s.jobs[jobId]?.progress : undefined));
  useEffect(() => {
    if (open) void useDeployments.getState().loadTargets();
  }, [open]);
  useEffect(() => {
    if (!target && targets?.length) setTarget(targets[0]!.name);
  }, [targets, target]);
  const step = stepOf(progress?.phase);
  // the furthest step reported: after a rollback or failure the chips still show where it stopped
  const [reached, setReached] = useState(-1);
  useEffect(() => setReached((r) => Math.max(r, step)), [step]);
  const stepClass = (i: number): string => {
    if (result?.status === 'live' || i < reached) return 'done';
    if (i !== reached) return '';
    if (running) return 'active';
    return result || error != null ? 'failed' : '';
  };

  const deploy = async () => {
    const id = newId('deploy');
    setJobId(id);
    setReached(-1);
    setRunning(true);
    setError(null);
    setResult(null);
    try {
      const req = {
        model,
        version,
        target,
        replicas: num(replicas) ?? 1,
        gpus: num(gpus) ?? 0,
        ...(num(port) !== undefined ? { port: num(port) } : {}),
        ...(memory.trim() ? { memory: memory.trim() } : {}),
        ...(num(cpus) !== undefined ? { cpus: num(cpus) } : {}),
      };
      setResult(await useDeployments.getState().deploy(req, id));
    } catch (e) {
      setError(e);
    } finally {
      setRunning(false);
    }
  };
  const close = () => {
    if (running && jobId) useJobs.getState().cancel(jobId);
    setResult(null);
    setError(null);
    setJobId(null);
    onClose();
  };
  const openDeployment = (d: Deployment) => {
    close();
    navigate('deployments', { deployment: d.id });
  };
  const editable = !running && !result;
  return (
    <Dialog
      open={open}
      title={`Deploy ${model} v${version}`}
      onClose={close}
      width={560}
      footer={
        <>
          <Button onClick={close}>{running ? 'Cancel deploy' : result ? 'Close' : 'Cancel'}</Button>
          {!result && (
            <Button variant="primary" disabled={running || !target} onClick={() => void deploy()} data-testid="start-deploy">
              {running ? 'Deploying…' : 'Deploy'}
            </Button>
          )}
        </>
      }
    >
      {targets && targets.length === 0 ? (
        <div className="muted">
          No deploy target yet.{' '}
          <button type="button" className="dp-link" onClick={() => (close(), navigate('settings'))}>
            Add one in Settings
          </button>{' '}
          (a Swarm manager or a Kubernetes context), or run <span className="mono">kiln targets add</span>.
        </div>
      ) : (
        <div className="dp-form">
          <Field
            label="Target"
            hint={
              <button type="button" className="dp-link" onClick={() => (close(), navigate('settings'))}>
                Manage targets in Settings
              </button>
            }
          >
            <select className="input" aria-label="Target" value={target} onChange={(e) => setTarget(e.target.value)} disabled={!editable}>
              {(targets ?? []).map((t) => (
                <option key={t.name} value={t.name}>
                  {t.name} ({t.kind})
                </option>
              ))}
            </select>
          </Field>
          <Field label="Replicas">
            <input
              className="input num"
              aria-label="Replicas"
              type="number"
              min={1}
              max={100}
              value={replicas}
              onChange={(e) => setReplicas(e.target.value)}
              disabled={!editable}
            />
          </Field>
          <Field label="Port">
            <input
              className="input num"
              aria-label="Port"
              type="number"
              min={1}
              max={65535}
              placeholder="unpublished"
              value={port}
              onChange={(e) => setPort(e.target.value)}
              disabled={!editable}
            />
          </Field>
          <Field label="Memory">
            <input
              className="input mono"
              aria-label="Memory"
              placeholder="e.g. 512m"
              value={memory}
              onChange={(e) => setMemory(e.target.value)}
              disabled={!editable}
            />
          </Field>
          <Field label="CPUs">
            <input
              className="input num"
              aria-label="CPUs"
              type="number"
              min={0}
              step={0.25}
              placeholder="no limit"
              value={cpus}
              onChange={(e) => setCpus(e.target.value)}
              disabled={!editable}
            />
          </Field>
          <Field label="GPUs">
            <input
              className="input num"
              aria-label="GPUs"
              type="number"
              min={0}
              max={64}
              value={gpus}
              onChange={(e) => setGpus(e.target.value)}
              disabled={!editable}
            />
          </Field>
        </div>
      )}
      {(running || result || error != null) && (
        <ol className="dp-phases" aria-label="Deploy phases" data-testid="deploy-phases">
          {DEPLOY_STEPS.map((s, i) => (
            <li key={s.label} className={stepClass(i)}>
              {s.label}
            </li>
          ))}
        </ol>
      )}
      {running && progress && (
        <>
          <JobProgress progress={progress} phaseText={phaseText} />
          {progress.message && <div className="muted ellipsis">{progress.message}</div>}
        </>
      )}
      {error != null && <ErrorBanner error={error} title={`Could not deploy ${model} v${version}`} />}
      {result && (
        <div className="dp-result" role="status" data-testid="deploy-result" data-status={result.status}>
          {result.status === 'live' ? (
            <div>
              Live{result.url ? ' at ' : ''}
              {result.url && <span className="mono">{result.url}</span>} (#{result.seq}).
            </div>
          ) : (
            <div>
              {result.status === 'rolled-back' ? 'Rolled back' : 'Not deployed'}: {result.reason}
            </div>
          )}
          <div>
            <button type="button" className="dp-link" onClick={() => openDeployment(result)}>
              Open deployment #{result.seq}
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
