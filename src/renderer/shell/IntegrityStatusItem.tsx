import { StatusDot } from '../components/StatusDot';
import { useIntegrity } from '../stores/integrity';

/**
 * The background check of a workspace database too big to check on open: "checking" while it
 * runs, then nothing when whole, or a red item with SQLite's finding and what to do when damaged.
 */
export function IntegrityStatusItem() {
  const check = useIntegrity((s) => s.check);
  if (!check || check.state === 'ok') return null;
  if (check.state === 'checking') {
    return (
      <span className="statusbar-item" data-testid="db-integrity" data-state="checking">
        <StatusDot tone="idle" label="Checking the workspace database…" />
      </span>
    );
  }
  return (
    <span className="statusbar-item" role="alert" data-testid="db-integrity" data-state="damaged" title={check.message ?? undefined}>
      <StatusDot tone="bad" label="Workspace database damaged" />
      <span className="statusbar-message ellipsis">{check.message}</span>
    </span>
  );
}
