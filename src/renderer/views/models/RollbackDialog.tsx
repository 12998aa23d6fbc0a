import { useEffect, useMemo, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useModels } from '../../stores/models';
import { useModelView } from '../../stores/models';
import { holderStack } from './holder-stack';

/** Rollback: the alias goes back to the version that held it before its last move, in one step, logged with a reason. */
export function RollbackDialog({ open, model, initialAlias, onClose }: { open: boolean; model: string; initialAlias?: string; onClose(): void }) {
  const summary = useModels((s) => s.list?.find((m) => m.name === model));
  const aliases = useMemo(() => Object.keys(summary?.aliases ?? {}).sort(), [summary]);
  const [alias, setAlias] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const history = useModelView('models:history', open && alias ? { name: model, alias } : null);
  useEffect(() => {
    if (!open) return;
    setAlias(initialAlias && aliases.includes(initialAlias) ? initialAlias : (aliases[0] ?? ''));
    setReason('');
    setError(null);
  }, [open]);
  const stack = history.data ? holderStack(history.data.events) : [];
  const now = stack[stack.length - 1] ?? null;
  const back = stack.length >= 2 ? stack[stack.length - 2]! : null;
  const submit = async () => {
    if (!alias || busy) return;
    setBusy(true);
    setError(null);
    try {
      await useModels.getState().rollback(model, alias, reason.trim());
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open={open}
      title={`Roll back an alias of ${model}`}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="danger" disabled={!alias || busy || back === null} onClick={() => void submit()}>
            {busy ? 'Rolling back…' : back !== null ? `Roll ${alias} back to v${back}` : 'Roll back'}
          </Button>
        </>
      }
    >
      <form
        className="km-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {aliases.length === 0 ? (
          <span className="muted">No alias of {model} has a holder yet: promote a version first.</span>
        ) : (
          <Field
            label="Alias"
            hint={
              history.data
                ? back !== null
                  ? `${alias} moves from v${now} back to v${back}, the version it named before v${now} was promoted.`
                  : `${alias} has had only one holder: there is nothing to roll back to.`
                : null
            }
          >
            <select className="input" aria-label="Alias to roll back" value={alias} onChange={(e) => setAlias(e.target.value)}>
              {aliases.map((a) => (
                <option key={a} value={a}>
                  {a} (v{summary?.aliases[a]})
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field label="Reason">
          <textarea
            className="input"
            aria-label="Rollback reason"
            rows={3}
            placeholder="Why, e.g. “p95 latency doubled in production”"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </Field>
        {history.error != null && <ErrorBanner error={history.error} title="Could not read the alias log" />}
        {error != null && <ErrorBanner error={error} title="Rollback failed" />}
      </form>
    </Dialog>
  );
}
