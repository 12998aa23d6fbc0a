import { useWorkspace } from '../../stores/workspace';
import { RelativeTime } from '../../components/RelativeTime';
import { Button } from '../../components/Button';
import { useUi } from '../../stores/ui';

/** The open workspace, and a way to switch. */
export function WorkspacePanel() {
  const current = useWorkspace((s) => s.current);
  return (
    <section className="card" aria-labelledby="ws-h">
      <div className="card-head">
        <h2 id="ws-h">Workspace</h2>
        <div className="topbar-spacer" />
        <Button size="small" onClick={() => useUi.getState().setWorkspaceMenu(true)}>
          Switch…
        </Button>
      </div>
      <div className="card-body">
        {current ? (
          <dl className="kv">
            <dt>Name</dt>
            <dd>{current.name}</dd>
            <dt>Folder</dt>
            <dd className="mono">{current.path}</dd>
            <dt>Schema</dt>
            <dd>version {current.schemaVersion}</dd>
            <dt>Opened</dt>
            <dd>
              <RelativeTime t={current.openedAt} />
            </dd>
          </dl>
        ) : (
          <div className="muted">No workspace is open.</div>
        )}
      </div>
    </section>
  );
}
