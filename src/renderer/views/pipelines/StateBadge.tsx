import { StatusDot, type StatusTone } from '../../components/StatusDot';
import { stateLabel } from './stage-state';
import './state-badge.css';

const TONE: Record<string, StatusTone> = {
  queued: 'idle',
  running: 'busy',
  cached: 'ok',
  done: 'ok',
  failed: 'bad',
  not_run: 'idle',
  cancelled: 'warn',
  interrupted: 'warn',
};

/** A stage or run state: the shared dot plus the word, never colour alone. */
export function StateBadge({ state }: { state: string }) {
  return (
    <span className="kp-state" data-state={state}>
      <StatusDot tone={TONE[state] ?? 'idle'} label={stateLabel(state)} />
    </span>
  );
}
