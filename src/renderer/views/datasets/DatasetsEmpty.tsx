import { FolderDown } from 'lucide-react';
import { EmptyState } from '../../components/EmptyState';
import { Button } from '../../components/Button';
import { useIngest } from '../../stores/ingest';

/** No dataset yet: say what to do. */
export function DatasetsEmpty() {
  return (
    <div className="drop-target">
      <EmptyState
        icon={<FolderDown size={32} strokeWidth={1.5} />}
        title="Drop a folder here to version it"
        hint="Each drop becomes an immutable, deduplicated version of a dataset: unchanged files cost nothing, changed files store only their new chunks."
      >
        <Button variant="primary" onClick={() => useIngest.getState().chooseFolder()}>
          Choose folder…
        </Button>
      </EmptyState>
    </div>
  );
}
