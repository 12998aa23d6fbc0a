import { useEffect } from 'react';
import { RefreshCw } from 'lucide-react';
import { useEngine } from '../../stores/engine';
import { StatusDot } from '../../components/StatusDot';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatBytes, formatNumber } from '../../../shared/format.js';
import type { EngineInfo, EngineStatus } from '../../../shared/contract/index.js';

/** engine:info: what Kiln talks to, and whether it can give containers GPUs. */
export function EnginePanel() {
  const { status, info, infoError, infoLoading, loadInfo } = useEngine();
  const connected = status?.state === 'connected';
  useEffect(() => {
    if (connected) void loadInfo();
  }, [connected, loadInfo]);
  return (
    <section className="card" aria-labelledby="engine-h" data-testid="engine-panel">
      <div className="card-head">
        <h2 id="engine-h">Docker engine</h2>
        {status && <StatusDot tone={connected ? 'ok' : 'bad'} label={connected ? 'connected' : 'unreachable'} />}
        <div className="topbar-spacer" />
        <button
          type="button"
          className="icon-btn"
          title="Check again"
          aria-label="Check the engine again"
          onClick={() =>
            void useEngine
              .getState()
              .load()
              .then(() => useEngine.getState().loadInfo())
          }
        >
          <RefreshCw size={14} className={infoLoading ? 'spinning' : ''} />
        </button>
      </div>
      <div className="card-body">
        {status && !connected && <ErrorBanner error={new Error(status.message ?? 'the engine does not answer')} title={`Not reachable at ${status.host}`} />}
        {connected && infoError != null && <ErrorBanner error={infoError} title="Could not read the engine's details" />}
        <dl className="kv">
          <dt>Host</dt>
          <dd className="mono">{status?.host || '—'}</dd>
          {status?.state !== 'unreachable' && <EngineDetails status={status} info={info} />}
        </dl>
      </div>
    </section>
  );
}

/** The rows engine:info fills in; hidden while the engine is unreachable, where they would all be blank. */
function EngineDetails({ status, info }: { status: EngineStatus | null; info: EngineInfo | null }) {
  return (
    <>
      <dt>Version</dt>
      <dd>{info?.version ?? status?.version ?? '—'}</dd>
      <dt>API</dt>
      <dd>{info?.apiVersion ?? status?.apiVersion ?? '—'}</dd>
      <dt>OS</dt>
      <dd>{info ? `${info.os} (${info.osType}/${info.arch}, kernel ${info.kernelVersion})` : '—'}</dd>
      <dt>CPUs</dt>
      <dd>{info ? info.cpus : '—'}</dd>
      <dt>Memory</dt>
      <dd>{info ? formatBytes(info.memoryBytes) : '—'}</dd>
      <dt>Runtimes</dt>
      <dd>
        {info ? (
          <span className="chips">
            {info.runtimes.map((r) => (
              <span key={r} className="pill">
                {r}
                {r === info.defaultRuntime ? ' (default)' : ''}
              </span>
            ))}
          </span>
        ) : (
          '—'
        )}
      </dd>
      <dt>GPU support</dt>
      <dd>
        {info ? (
          <StatusDot tone={info.nvidiaRuntime || info.cdiSpecDirs.length ? 'ok' : 'idle'} label={gpuSupport(info.nvidiaRuntime, info.cdiSpecDirs)} />
        ) : (
          '—'
        )}
      </dd>
      <dt>Images</dt>
      <dd>{info ? formatNumber(info.images) : '—'}</dd>
      <dt>Containers</dt>
      <dd>{info ? `${formatNumber(info.containers)} (${formatNumber(info.containersRunning)} running)` : '—'}</dd>
      <dt>Storage</dt>
      <dd>
        {info ? (
          <span>
            {info.storageDriver} · <span className="mono">{info.rootDir}</span>
          </span>
        ) : (
          '—'
        )}
      </dd>
    </>
  );
}

function gpuSupport(nvidia: boolean, cdi: string[]): string {
  if (nvidia && cdi.length) return `nvidia runtime and CDI (${cdi.join(', ')})`;
  if (nvidia) return 'nvidia runtime';
  if (cdi.length) return `CDI (${cdi.join(', ')})`;
  return 'none: install the NVIDIA Container Toolkit to give containers GPUs';
}
