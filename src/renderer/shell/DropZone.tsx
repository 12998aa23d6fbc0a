import { useEffect, useRef, useState } from 'react';
import { FolderDown } from 'lucide-react';
import { useIngest } from '../stores/ingest';
import { useWorkspace } from '../stores/workspace';
import { useNavigation } from '../stores/navigation';
import { useModelRegister } from '../stores/model-register';
import { entriesOf, filesOfInput, walkEntries } from '../lib/upload/walk-entries';
import { stripCommonRoot, type DroppedFile, type DropSource } from '../lib/upload/dropped-file';

/** On the Models view a drop registers a model version; everywhere else it versions a dataset. */
function offer(source: DropSource) {
  if (useNavigation.getState().route.view === 'models') useModelRegister.getState().offer(source);
  else useIngest.getState().offer(source);
}

function hasFiles(e: DragEvent): boolean {
  return !!e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files');
}

/** Files as a drop source: one dropped folder becomes the version's root; otherwise each item is a top-level entry. */
function offerFiles(files: DroppedFile[], fallbackLabel: string) {
  if (!files.length) return;
  const { files: rel, root } = stripCommonRoot(files);
  offer({ kind: 'files', files: rel, label: root ?? (files.length === 1 ? files[0]!.path : fallbackLabel) });
}

/**
 * Drop files or folders anywhere on the window. Electron gives real paths; the browser walks
 * folder entries. The hidden folder input ("Choose folder…") ends in the same `offer()`.
 */
export function DropZone() {
  const [over, setOver] = useState(false);
  const depth = useRef(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const hasWorkspace = useWorkspace((s) => !!s.current);
  const onModels = useNavigation((s) => s.route.view === 'models');

  useEffect(() => {
    const input = inputRef.current!;
    input.setAttribute('webkitdirectory', '');
    input.setAttribute('directory', '');
    useIngest.setState({ openFolderInput: () => input.click() });
    return () => useIngest.setState({ openFolderInput: null });
  }, []);

  useEffect(() => {
    // without a workspace there is nowhere to store a drop; still swallow it, or the browser would open the file
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current++;
      if (hasWorkspace) setOver(true);
    };
    const overH = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.dataTransfer!.dropEffect = hasWorkspace ? 'copy' : 'none';
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setOver(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current = 0;
      setOver(false);
      if (!hasWorkspace) return;
      const dt = e.dataTransfer!;
      const bridge = window.kiln;
      if (bridge) {
        const paths = Array.from(dt.files)
          .map((f) => bridge.pathForFile(f))
          .filter(Boolean);
        if (paths.length) offer({ kind: 'paths', paths, label: paths.length === 1 ? paths[0]!.split(/[\\/]/).pop()! : `${paths.length} items` });
        return;
      }
      const entries = entriesOf(dt);
      const n = entries.length;
      void walkEntries(entries).then((files) => offerFiles(files, `${n} items`));
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', overH);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', overH);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [hasWorkspace]);

  return (
    <>
      <input
        ref={inputRef}
        type="file"
        multiple
        hidden
        data-testid="folder-input"
        aria-label="Choose folder"
        onChange={(e) => {
          const list = e.target.files;
          if (list?.length) offerFiles(filesOfInput(list), `${list.length} files`);
          e.target.value = '';
        }}
      />
      {over && (
        <div className="drop-overlay" aria-hidden="true">
          <div className="drop-card">
            <FolderDown size={28} />
            <div className="drop-title">{onModels ? 'Drop to register it as a model version' : 'Drop to version it as a dataset'}</div>
            <div className="muted">
              {onModels
                ? 'The format is detected and the files are stored deduplicated; you choose the model next.'
                : 'Files and folders are stored deduplicated; you choose the dataset next.'}
            </div>
          </div>
        </div>
      )}
    </>
  );
}
