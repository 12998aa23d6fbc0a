import { KilnMark } from './KilnMark';
import { WorkspacePicker } from './WorkspacePicker';

/** Shown instead of a view while no workspace is open. */
export function WorkspaceWelcome() {
  return (
    <div className="welcome">
      <div className="welcome-card card">
        <div className="welcome-head">
          <KilnMark size={36} />
          <div>
            <h1>Open a workspace</h1>
            <div className="muted">
              A workspace is a project folder; Kiln keeps its datasets, runs and metrics in its <code>.kiln/</code> folder.
            </div>
          </div>
        </div>
        <WorkspacePicker autoFocus />
      </div>
    </div>
  );
}
