import { useEffect, useMemo, useState } from 'react';
import type { GateResult } from '../../../shared/contract/index.js';
import { KilnError } from '../../../shared/contract/errors.js';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useModels } from '../../stores/models';
import { GateReport } from './GateReport';
import { TaskProgress } from './TaskProgress';

const ALIAS_RE = /^[A-Za-z][A-Za-z0-9._-]*$/;

/** A refused promotion carries its gates in the error's details (GATE_FAILED): show them gate by gate. */
function gatesOf(e: unknown): GateResult[] | null {
  if (!(e instanceof KilnError) || e.code !== 'GATE_FAILED' || !e.details || typeof e.details !== 'object') return null;
  const gates = (e.details as { gates?: unknown }).gates;
  return Array.isArray(gates) ? (gates as GateResult[]) : null;
}

/** Promote: pick the alias (existing or new), give a reason; the gates run first and a failing one refuses it, named. */
export function PromoteDialog({ open, model, version, onClose }: { open: boolean; model: string; version: number; onClose(): void }) {
  const summary = useModels((s) => s.list?.find((m) => m.name === model));
  const ref = `${model}@${version}`;
  const task = useModels((s) => s.tasks[ref]);
  const known = useMemo(() => [...new Set(['champion', 'staging', ...Object.keys(summary?.aliases ?? {})])].sort(), [summary]);
  const [alias, setAlias] = useState('champion');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (open) {
      setError(null);
      setReason('');
    }
  }, [open]);
  const aliasOk = ALIAS_RE.test(alias) && alias !== 'latest';
  const holder = summary?.aliases[alias];
  const busy = task?.kind === 'promote';
  const submit = async () => {
    if (!aliasOk || busy) return;
    setError(null);
    try {
      await useModels.getState().promote(ref, alias, reason.trim());
      onClose();
    } catch (e) {
      setError(e);
    }
  };
  const refused = gatesOf(error);
  return (
    <Dialog
      open={open}
      title={`Promote ${model} v${version}`}
      width={560}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>{error ? 'Close' : 'Cancel'}</Button>
          <Button variant="primary" disabled={!aliasOk || busy} onClick={() => void submit()}>
            {busy ? 'Checking gates…' : `Promote to ${alias || '…'}`}
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
        <Field
          label="Alias"
          error={!aliasOk && alias ? 'An alias starts with a letter and holds letters, digits, “.”, “_” and “-”; “latest” is reserved.' : null}
          hint={
            aliasOk
              ? holder === undefined
                ? `${alias} is new: v${version} will be its first holder.`
                : holder === version
                  ? `v${version} already holds ${alias}.`
                  : `${alias} moves from v${holder} to v${version}.`
              : null
          }
        >
          <input
            className="input"
            aria-label="Alias"
            list="km-alias-options"
            value={alias}
            onChange={(e) => setAlias(e.target.value.trim())}
            spellCheck={false}
            autoFocus
          />
          <datalist id="km-alias-options">
            {known.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </Field>
        <Field label="Reason">
          <textarea
            className="input"
            aria-label="Reason"
            rows={3}
            placeholder="Why this version, e.g. “better recall on the May holdout”"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </Field>
        <span className="muted">
          The model’s gates in kiln.yaml run first (evaluating on the holdout when needed); the move is refused, naming each failing gate, if one fails.
        </span>
        {busy && task && <TaskProgress task={task} />}
        {error != null && (
          <div className="km-refusal" data-testid="promote-refused">
            <ErrorBanner
              error={error}
              title={error instanceof KilnError && error.code === 'GATE_FAILED' ? 'Promotion refused: a gate failed' : 'Promotion failed'}
            />
            {refused && <GateReport gates={refused} />}
          </div>
        )}
      </form>
    </Dialog>
  );
}
