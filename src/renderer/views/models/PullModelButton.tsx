import { useState } from 'react';
import { Download } from 'lucide-react';
import { useModels } from '../../stores/models';
import { useNavigation } from '../../stores/navigation';
import { Button } from '../../components/Button';
import { PullDialog } from '../push/PullDialog';

/** "Pull model…": a model artifact from a registry becomes a new version here; its page opens when the dialog closes. */
export function PullModelButton() {
  const [open, setOpen] = useState(false);
  const [pulled, setPulled] = useState<{ name: string; version: number } | null>(null);
  const navigate = useNavigation((s) => s.navigate);
  // the dialog shows what was registered; closing it then opens that version
  const close = () => {
    setOpen(false);
    if (pulled) navigate('models', { model: pulled.name, version: String(pulled.version) });
    setPulled(null);
  };
  return (
    <>
      <Button icon={<Download size={14} />} onClick={() => setOpen(true)}>
        Pull model…
      </Button>
      <PullDialog
        open={open}
        onClose={close}
        kind="model"
        onPulled={(name, version) => {
          void useModels.getState().load();
          setPulled({ name, version });
        }}
      />
    </>
  );
}
