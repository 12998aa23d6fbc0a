import { useEffect, useState } from 'react';
import type { DeployTarget } from '../../../shared/contract/index.js';
import { useDeployments } from '../../stores/deployments';
import { useWorkspace } from '../../stores/workspace';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';

function describe(t: DeployTarget): string {
  const where =
    t.kind === 'swarm'
      ? `${t.dockerHost ?? "Kiln's engine"}, ${t.publishMode} ports`
      : `${t.kserve ? 'KServe, ' : ''}context ${t.context ?? '(current)'}, namespace ${t.namespace ?? 'default'}`;
  return `${t.kind} · ${where} · registry ${t.registry ?? 'none'} · base ${t.baseImage}`;
}

/** Where models deploy: Swarm managers and Kubernetes contexts of this workspace (`kiln targets add`). */
export function TargetsPanel() {
  const targets = useDeployments((s) => s.targets);
  const loadError = useDeployments((s) => s.targetsError);
  const workspace = useWorkspace((s) => s.current);
  const [error, setError] = useState<unknown>(null);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<DeployTarget['kind']>('swarm');
  const [registry, setRegistry] = useState('');
  const [baseImage, setBaseImage] = useState('');
  const [publishMode, setPublishMode] = useState<DeployTarget['publishMode']>('ingress');
  const [dockerHost, setDockerHost] = useState('');
  const [context, setContext] = useState('');
  const [namespace, setNamespace] = useState('');
  const [kserve, setKserve] = useState(false);
  useEffect(() => {
    if (workspace) void useDeployments.getState().loadTargets();
  }, [workspace]);
  const opt = (v: string) => (v.trim() ? v.trim() : undefined);
  const add = async () => {
    setError(null);
    try {
      await useDeployments.getState().addTarget({
        name: name.trim(),
        kind,
        registry: opt(registry),
        baseImage: opt(baseImage),
        ...(kind === 'swarm' ? { publishMode, dockerHost: opt(dockerHost) } : { context: opt(context), namespace: opt(namespace), kserve }),
      });
      setName('');
    } catch (e) {
      setError(e);
    }
  };
  const remove = (n: string) => useDeployments.getState().removeTarget(n).catch(setError);
  return (
    <section className="card" aria-labelledby="targets-h" data-testid="targets-panel">
      <div className="card-head">
        <h2 id="targets-h">Deploy targets</h2>
      </div>
      <div className="card-body">
        {!workspace ? (
          <div className="muted">Open a workspace: its targets are kept with it.</div>
        ) : targets?.length ? (
          <dl className="kv">
            {targets.map((t) => (
              <div key={t.name} className="registry-row">
                <dt className="mono">{t.name}</dt>
                <dd>
                  {describe(t)}{' '}
                  <Button size="small" variant="ghost" aria-label={`Remove target ${t.name}`} onClick={() => void remove(t.name)}>
                    Remove
                  </Button>
                </dd>
              </div>
            ))}
          </dl>
        ) : (
          <div className="muted">{targets ? 'No targets yet: add a Swarm manager or a Kubernetes context below.' : '…'}</div>
        )}
        {workspace && (
          <form
            className="registry-form"
            onSubmit={(e) => {
              e.preventDefault();
              void add();
            }}
          >
            <Field label="Name">
              <input
                className="input"
                aria-label="Target name"
                placeholder="e.g. lab"
                value={name}
                onChange={(e) => setName(e.target.value)}
                spellCheck={false}
              />
            </Field>
            <Field label="Kind">
              <select className="input" aria-label="Target kind" value={kind} onChange={(e) => setKind(e.target.value as DeployTarget['kind'])}>
                <option value="swarm">Docker Swarm</option>
                <option value="kubernetes">Kubernetes</option>
              </select>
            </Field>
            <Field label="Registry">
              <input
                className="input mono"
                aria-label="Target registry"
                placeholder="127.0.0.1:5000/kiln"
                value={registry}
                onChange={(e) => setRegistry(e.target.value)}
                spellCheck={false}
              />
            </Field>
            <Field label="Base image">
              <input
                className="input mono"
                aria-label="Base image"
                placeholder="node:22-slim"
                value={baseImage}
                onChange={(e) => setBaseImage(e.target.value)}
                spellCheck={false}
              />
            </Field>
            {kind === 'swarm' ? (
              <>
                <Field label="Docker host">
                  <input
                    className="input mono"
                    aria-label="Docker host"
                    placeholder="Kiln's engine"
                    value={dockerHost}
                    onChange={(e) => setDockerHost(e.target.value)}
                    spellCheck={false}
                  />
                </Field>
                <Field label="Publish mode">
                  <select
                    className="input"
                    aria-label="Publish mode"
                    value={publishMode}
                    onChange={(e) => setPublishMode(e.target.value as DeployTarget['publishMode'])}
                  >
                    <option value="ingress">ingress (routing mesh)</option>
                    <option value="host">host (port on the task's node)</option>
                  </select>
                </Field>
              </>
            ) : (
              <>
                <Field label="Context">
                  <input
                    className="input mono"
                    aria-label="Kubeconfig context"
                    placeholder="the current one"
                    value={context}
                    onChange={(e) => setContext(e.target.value)}
                    spellCheck={false}
                  />
                </Field>
                <Field label="Namespace">
                  <input
                    className="input mono"
                    aria-label="Namespace"
                    placeholder="default"
                    value={namespace}
                    onChange={(e) => setNamespace(e.target.value)}
                    spellCheck={false}
                  />
                </Field>
                <label className="field-inline">
                  <input type="checkbox" checked={kserve} onChange={(e) => setKserve(e.target.checked)} /> KServe InferenceService
                </label>
              </>
            )}
            <Button type="submit" size="small" disabled={!name.trim()}>
              Add target
            </Button>
          </form>
        )}
        {(error ?? loadError) != null && (
          <ErrorBanner error={error ?? loadError} title="Deploy targets" onDismiss={error != null ? () => setError(null) : undefined} />
        )}
      </div>
    </section>
  );
}
