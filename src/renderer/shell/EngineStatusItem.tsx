import { StatusDot } from '../components/StatusDot';
import { useEngine } from '../stores/engine';

/** Engine state as dot + word + version; when unreachable, the engine's own sentence on what to do. */
export function EngineStatusItem({ onClick }: { onClick?: () => void }) {
  const status = useEngine((s) => s.status);
  let body;
  if (!status) body = <StatusDot tone="idle" label="Engine: checking…" />;
  else if (status.state === 'connected')
    body = (
      <>
        <StatusDot tone="ok" label="Engine connected" />
        <span className="muted num">Docker {status.version}</span>
      </>
    );
  else
    body = (
      <>
        <StatusDot tone="bad" label="Engine unreachable" />
        <span className="statusbar-message ellipsis" title={status.message}>
          {status.message}
        </span>
      </>
    );
  return (
    <button
      type="button"
      className="statusbar-item statusbar-engine"
      data-state={status?.state ?? 'checking'}
      data-testid="engine-status"
      onClick={onClick}
      title={status ? `${status.host}${status.apiVersion ? ` · API ${status.apiVersion}` : ''}` : undefined}
    >
      {body}
    </button>
  );
}
