import { useState } from 'react';
import { FolderOpen } from 'lucide-react';
import { Button } from '../components/Button';
import { ErrorBanner } from '../components/ErrorBanner';
import { RelativeTime } from '../components/RelativeTime';
import { useWorkspace } from '../stores/workspace';
import { workspaceErrorTitle } from './workspace-errors';

/**
 * Open a workspace: by path (typed, or the native picker in Electron) or from the recent list.
 * A folder that is not a workspace yet gets a "Create a workspace here" button.
 */
export function WorkspacePicker({ onDone, autoFocus }: { onDone?: () => void; autoFocus?: boolean }) {
  const { recent, busy, error, open, create, current } = useWorkspace();
  const [path, setPath] = useState('');
  const native = useWorkspace.getState().canPickFolder;
  const go = async (p: string) => {
    if (p.trim() && (await open(p.trim()))) onDone?.();
  };
  const pick = async () => {
    const p = await useWorkspace.getState().pickFolder();
    if (p) {
      setPath(p);
      await go(p);
    }
  };
  return (
    <div className="ws-picker">
      <form
        className="ws-picker-row"
        onSubmit={(e) => {
          e.preventDefault();
          void go(path);
        }}
      >
        <input
          className="input mono"
          aria-label="Workspace folder"
          placeholder="/path/to/project"
          value={path}
          autoFocus={autoFocus}
          spellCheck={false}
          onChange={(e) => setPath(e.target.value)}
        />
        {native && <Button icon={<FolderOpen size={14} />} onClick={() => void pick()} title="Choose a folder" aria-label="Choose a folder" />}
        <Button type="submit" variant="primary" disabled={busy || !path.trim()}>
          Open
        </Button>
      </form>
      {error && error.path && (
        <ErrorBanner
          error={error.error}
          title={workspaceErrorTitle(error.code)}
          actions={
            error.code === 'NOT_A_WORKSPACE' || error.code === 'WORKSPACE_NOT_FOUND' ? (
              <Button variant="primary" size="small" disabled={busy} onClick={() => void create(error.path).then((ok) => ok && onDone?.())}>
                Create a workspace here
              </Button>
            ) : undefined
          }
        />
      )}
      {recent.length > 0 && (
        <div className="ws-recent">
          <h3>Recent</h3>
          <ul>
            {recent.map((r) => (
              <li key={r.path}>
                <button type="button" className={`ws-recent-item ${current?.path === r.path ? 'active' : ''}`} disabled={!r.exists || busy} onClick={() => void go(r.path)} title={r.exists ? r.path : `${r.path} no longer exists`}>
                  <span className="ws-recent-name">{r.name}</span>
                  <span className="ws-recent-path mono ellipsis">{r.path}</span>
                  <span className="ws-recent-time faint">{r.exists ? <RelativeTime t={r.openedAt} /> : 'missing'}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
