import { useState } from 'react';
import { FolderOpen, FolderPlus, FolderSearch, Sparkles, X } from 'lucide-react';
import { Button } from '../components/Button';
import { ErrorBanner } from '../components/ErrorBanner';
import { RelativeTime } from '../components/RelativeTime';
import { useWorkspace } from '../stores/workspace';
import { workspaceErrorTitle } from './workspace-errors';
import { FolderBrowser } from './FolderBrowser';

type Mode = 'open' | 'new';

/**
 * Open a workspace: the example, a new one, a folder typed (`~` works), browsed (served by Kiln:
 * web mode has no native picker) or picked natively in Electron, or one from the recent list.
 * A folder that is not a workspace yet gets a "Create a workspace here" button.
 */
export function WorkspacePicker({ onDone, autoFocus }: { onDone?: () => void; autoFocus?: boolean }) {
  const { recent, busy, error, open, create, openExample, forget, current } = useWorkspace();
  const [path, setPath] = useState('');
  const [mode, setMode] = useState<Mode>('open');
  const [browsing, setBrowsing] = useState(false);
  const native = useWorkspace.getState().canPickFolder;
  const go = async (p: string) => {
    if (p.trim() && (await (mode === 'new' ? create(p.trim()) : open(p.trim())))) onDone?.();
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
      <div className="ws-actions">
        <Button
          icon={<Sparkles size={14} />}
          disabled={busy}
          onClick={() => void openExample().then((ok) => ok && onDone?.())}
          title="The MNIST example pipeline: prepare → train → evaluate"
        >
          Open the example
        </Button>
        <Button icon={<FolderPlus size={14} />} aria-pressed={mode === 'new'} onClick={() => setMode(mode === 'new' ? 'open' : 'new')}>
          New workspace
        </Button>
        {native ? (
          <Button icon={<FolderOpen size={14} />} onClick={() => void pick()} title="Choose a folder">
            Choose a folder
          </Button>
        ) : (
          <Button icon={<FolderSearch size={14} />} aria-pressed={browsing} onClick={() => setBrowsing(!browsing)}>
            Browse folders
          </Button>
        )}
      </div>
      <form
        className="ws-picker-row"
        onSubmit={(e) => {
          e.preventDefault();
          void go(path);
        }}
      >
        <input
          className="input mono"
          aria-label={mode === 'new' ? 'New workspace folder' : 'Workspace folder'}
          placeholder={mode === 'new' ? '~/projects/new-project (created if missing)' : '/path/to/project or ~/project'}
          value={path}
          autoFocus={autoFocus}
          spellCheck={false}
          onChange={(e) => setPath(e.target.value)}
        />
        <Button type="submit" variant="primary" disabled={busy || !path.trim()}>
          {mode === 'new' ? 'Create' : 'Open'}
        </Button>
      </form>
      {browsing && !native ? <FolderBrowser start={path.trim() || undefined} onChoose={setPath} /> : null}
      {error && (
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
              <li key={r.path} className="ws-recent-row">
                <button
                  type="button"
                  className={`ws-recent-item ${current?.path === r.path ? 'active' : ''}`}
                  disabled={!r.exists || busy}
                  onClick={() => void open(r.path).then((ok) => ok && onDone?.())}
                  title={r.exists ? r.path : `${r.path} no longer exists`}
                >
                  <span className="ws-recent-name">{r.name}</span>
                  <span className="ws-recent-path mono ellipsis">{r.path}</span>
                  <span className="ws-recent-time faint">{r.exists ? <RelativeTime t={r.openedAt} /> : 'missing'}</span>
                </button>
                {!r.exists ? (
                  <Button
                    size="small"
                    variant="ghost"
                    icon={<X size={13} />}
                    aria-label={`Remove ${r.name} from the list`}
                    title="Remove from the list"
                    onClick={() => void forget(r.path)}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
