import { useEffect, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { Button } from '../../components/Button';
import { useIngest } from '../../stores/ingest';
import { useDatasets } from '../../stores/datasets';
import { useNavigation } from '../../stores/navigation';
import { formatBytes } from '../../../shared/format.js';
import { totalBytes } from '../../lib/upload/dropped-file';
import { datasetNameProblem, suggestDatasetName } from './dataset-name';

/** After a drop: which dataset (new or existing) and a message. */
export function AddVersionDialog() {
  const pending = useIngest((s) => s.pending);
  const list = useDatasets((s) => s.list) ?? [];
  const routeDataset = useNavigation((s) => (s.route.view === 'datasets' ? s.route.params.dataset : undefined));
  const [mode, setMode] = useState<'new' | 'existing'>('new');
  const [name, setName] = useState('');
  const [existing, setExisting] = useState('');
  const [message, setMessage] = useState('');

  useEffect(() => {
    if (!pending) return;
    const suggested = suggestDatasetName(pending.label);
    const current = routeDataset && list.some((d) => d.name === routeDataset) ? routeDataset : list.find((d) => d.name === suggested)?.name;
    setMode(current ? 'existing' : 'new');
    setExisting(current ?? list[0]?.name ?? '');
    setName(suggested);
    setMessage('');
    // only when a new drop arrives: the list and route are read, not followed
  }, [pending]);

  const dataset = mode === 'new' ? name.trim() : existing;
  const problem = mode === 'new' ? datasetNameProblem(dataset) : null;
  const nameOk = mode === 'existing' ? !!dataset : !problem;
  const readable = problem && dataset ? suggestDatasetName(dataset) : null;
  const taken = mode === 'new' && list.some((d) => d.name === dataset);
  const what =
    pending?.kind === 'files'
      ? `${pending.files.length.toLocaleString('en-US')} files · ${formatBytes(totalBytes(pending.files))}`
      : pending
        ? pending.paths.join(', ')
        : '';
  const submit = () => nameOk && void useIngest.getState().submit(dataset, message.trim());

  return (
    <Dialog
      open={!!pending}
      title="Add a dataset version"
      onClose={() => useIngest.getState().dismiss()}
      footer={
        <>
          <Button onClick={() => useIngest.getState().dismiss()}>Cancel</Button>
          <Button variant="primary" disabled={!nameOk} onClick={submit}>
            {taken || mode === 'existing' ? `Add version to ${dataset || '…'}` : `Create dataset ${dataset || '…'}`}
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
        <div className="segmented" role="radiogroup" aria-label="Dataset">
          <label className={mode === 'new' ? 'on' : ''}>
            <input type="radio" name="mode" checked={mode === 'new'} onChange={() => setMode('new')} /> New dataset
          </label>
          <label className={mode === 'existing' ? 'on' : ''} aria-disabled={!list.length}>
            <input type="radio" name="mode" checked={mode === 'existing'} disabled={!list.length} onChange={() => setMode('existing')} /> Existing dataset
          </label>
        </div>
        {mode === 'new' ? (
          <Field
            label="Name"
            announce
            error={
              problem && dataset ? (
                <>
                  {problem}{' '}
                  {readable && readable !== dataset ? (
                    <button type="button" className="link-btn" onClick={() => setName(readable)}>
                      Use “{readable}”
                    </button>
                  ) : null}
                </>
              ) : null
            }
            hint={[
              !problem && pending && dataset !== pending.label && /[^\x20-\x7e]/.test(pending.label)
                ? `Named from “${pending.label}”, spelled with letters a dataset reference can hold.`
                : null,
              taken ? `${dataset} exists: this adds a new version to it.` : null,
            ]}
          >
            <input className="input" aria-label="Dataset name" value={name} onChange={(e) => setName(e.target.value)} autoFocus spellCheck={false} />
          </Field>
        ) : (
          <Field label="Dataset">
            <select className="input" aria-label="Dataset" value={existing} onChange={(e) => setExisting(e.target.value)}>
              {list.map((d) => (
                <option key={d.name} value={d.name}>
                  {d.name} (v{d.latest})
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field label="Message">
          <input
            className="input"
            aria-label="Message"
            placeholder="What changed, e.g. “dedupe rows, add 2024 data”"
            value={message}
            onChange={(e) => setMessage(e.target.value)}
          />
        </Field>
      </form>
    </Dialog>
  );
}
