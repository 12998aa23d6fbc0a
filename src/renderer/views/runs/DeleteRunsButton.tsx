import { useState } from 'react';
import { Trash2 } from 'lucide-react';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';

/** Deletes runs after a confirmation that says what stays (their stored outputs, until gc). */
export function DeleteRunsButton({
  count,
  onDelete,
  size = 'normal',
  running = false,
}: {
  count: number;
  onDelete(): Promise<void>;
  size?: 'normal' | 'small';
  /** a run still running cannot be deleted: cancel it first */ running?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const what = count === 1 ? 'this run' : `${count} runs`;
  return (
    <>
      <Button
        variant="danger"
        size={size}
        icon={<Trash2 size={14} />}
        disabled={count === 0 || running}
        title={running ? 'A running run cannot be deleted: cancel it first' : undefined}
        onClick={() => setOpen(true)}
      >
        Delete
      </Button>
      <Dialog
        open={open}
        title={`Delete ${what}?`}
        onClose={() => setOpen(false)}
        footer={
          <>
            <Button onClick={() => setOpen(false)}>Keep</Button>
            <Button
              variant="primary"
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                try {
                  await onDelete();
                  setOpen(false);
                } catch (e) {
                  setError(e);
                } finally {
                  setBusy(false);
                }
              }}
            >
              Delete {what}
            </Button>
          </>
        }
      >
        <span>Their stages, params and metric points go; outputs stay in the store until `kiln gc`.</span>
        {error ? <ErrorBanner error={error} /> : null}
      </Dialog>
    </>
  );
}
