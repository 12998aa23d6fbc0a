import { FolderDown } from 'lucide-react';
import { EmptyState } from '../../components/EmptyState';
import { Button } from '../../components/Button';
import { chooseModelFolder } from './choose-model-folder';
import { PullModelButton } from './PullModelButton';

/** No model yet: say what to do. */
export function ModelsEmpty() {
  return (
    <div className="drop-target">
      <EmptyState
        icon={<FolderDown size={32} strokeWidth={1.5} />}
        title="Drop a model folder here to register it"
        hint={
          <>
            TF.js, SavedModel, ONNX, safetensors and GGUF are recognised. From a terminal: <code className="mono">kiln models register PATH --name N</code>, or
            <code className="mono"> --from-run RUN --output PATH</code> to register a run's output with its lineage.
          </>
        }
      >
        <Button variant="primary" onClick={chooseModelFolder}>
          Choose folder…
        </Button>
        <PullModelButton />
      </EmptyState>
    </div>
  );
}
