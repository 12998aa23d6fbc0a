import { useEffect, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { Button } from '../../components/Button';
import { useModelRegister } from '../../stores/model-register';
import { useModels } from '../../stores/models';
import { useNavigation } from '../../stores/navigation';
import { formatBytes } from '../../../shared/format.js';
import { totalBytes } from '../../lib/upload/dropped-file';
import { DATASET_NAME_RE, suggestDatasetName } from '../datasets/dataset-name';

/** After a drop on the Models view: which model (new or existing) gets the version, and a message. */
export function RegisterDialog() {
  const pending = useModelRegister((s) => s.pending);
  const list = useModels((s) => s.list) ?? [];
  const routeModel = useNavigation((s) => (s.route.view === 'models' ? s.route.params.model : undefined));
  const [mode, setMode] = useState<'new' | 'existing'>('new');
  const [name, setName] = useState('');
  const [existing, setExisting] = useState('');
  const [message, setMessage] = useState('');

  useEffect(() => {
    if (!pending) return;
    const suggested = suggestDatasetName(pending.label);
    const current = routeModel && list.some((m) => m.name === routeModel) ? routeModel : list.find((m) => m.name === suggested)?.name;
    setMode(current ? 'existing' : 'new');
    setExisting(current ?? list[0]?.name ?? '');
    setName(suggested);
    setMessage('');
    // only when a new drop arrives: the list and route are read, not followed
  }, [pending]);

  const model = mode === 'new' ? name.trim() : existing;
  const nameOk = DATASET_NAME_RE.test(model) && model.length <= 100;
  const taken = mode === 'new' && list.some((m) => m.name === model);
  const what =
    pending?.kind === 'files'
      ? `${pending.files.length.toLocaleString('en-US')} files · ${formatBytes(totalBytes(pending.files))}`
      : pending
        ? pending.paths.join(', ')
        : '';
  const submit = () => nameOk && void useModelRegister.getState().submit(model, message.trim());

  return (
    <Dialog
      open={!!pending}
      title="Register a model version"
      onClose={() => useModelRegister.getState().dismiss()}
      footer={
        <>
          <Button onClick={() => useModelRegister.getState().dismiss()}>Cancel</Button>
          <Button variant="primary" disabled={!nameOk} onClick={submit}>
            {`Register as ${model || '…'}`}
          </Button>
        </>
      }
    >
      <div className="add-what">
        <span className="row-strong ellipsis">{pending?.label}</span>
        <span className="muted num ellipsis">{what}</span>
      </div>
      <form
        className="add-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="segmented" role="radiogroup" aria-label="Model">
          <label className={mode === 'new' ? 'on' : ''}>
            <input type="radio" name="model-mode" checked={mode === 'new'} onChange={() => setMode('new')} /> New model
          </label>
          <label className={mode === 'existing' ? 'on' : ''} aria-disabled={!list.length}>
            <input type="radio" name="model-mode" checked={mode === 'existing'} disabled={!list.length} onChange={() => setMode('existing')} /> Existing model
          </label>
        </div>
        {mode === 'new' ? (
          <Field
            label="Name"
            error={!nameOk && model ? 'Letters, digits, “.”, “_” and “-”, starting with a letter or digit.' : null}
            hint={taken ? `${model} exists: this registers its next version.` : null}
          >
            <input className="input" aria-label="Model name" value={name} onChange={(e) => setName(e.target.value)} autoFocus spellCheck={false} />
          </Field>
        ) : (
          <Field label="Model">
            <select className="input" aria-label="Model" value={existing} onChange={(e) => setExisting(e.target.value)}>
              {list.map((m) => (
                <option key={m.name} value={m.name}>
                  {m.name} (v{m.latest})
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field label="Message">
          <input
            className="input"
            aria-label="Message"
            placeholder="What this version is, e.g. “retrained on May data”"
            value={message}
            onChange={(e) => setMessage(e.target.value)}
          />
        </Field>
      </form>
    </Dialog>
  );
}
