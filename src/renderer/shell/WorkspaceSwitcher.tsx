import { useEffect, useRef } from 'react';
import { ChevronDown, FolderClosed } from 'lucide-react';
import { useWorkspace } from '../stores/workspace';
import { WorkspacePicker } from './WorkspacePicker';
import { useUi } from '../stores/ui';

/** The top-left switcher: the current workspace; a click drops down the picker. */
export function WorkspaceSwitcher() {
  const current = useWorkspace((s) => s.current);
  const open = useUi((s) => s.workspaceMenu);
  const setOpen = useUi((s) => s.setWorkspaceMenu);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    void useWorkspace.getState().loadRecent();
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('mousedown', onDown);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('mousedown', onDown);
      window.removeEventListener('keydown', onKey);
    };
  }, [open, setOpen]);
  return (
    <div className="ws-switcher" ref={ref}>
      <button
        type="button"
        className="ws-button"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        title={current?.path ?? 'No workspace open'}
      >
        <FolderClosed size={15} aria-hidden="true" />
        <span className="ws-name">{current ? current.name : 'No workspace'}</span>
        {current && <span className="ws-path mono ellipsis">{current.path}</span>}
        <ChevronDown size={14} aria-hidden="true" className="faint" />
      </button>
      {open && (
        <div className="ws-menu" role="dialog" aria-label="Open a workspace">
          <WorkspacePicker autoFocus onDone={() => setOpen(false)} />
        </div>
      )}
    </div>
  );
}
