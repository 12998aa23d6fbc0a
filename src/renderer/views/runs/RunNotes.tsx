import { useEffect, useState } from 'react';
import { useRunDetails } from '../../stores/run-detail';

/** Free-text notes on a run, saved when the field loses focus (or Ctrl/Cmd+Enter). */
export function RunNotes({ runId, notes, onChange }: { runId: string; notes: string; onChange(): void }) {
  const [text, setText] = useState(notes);
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | string>('idle');
  useEffect(() => setText(notes), [notes]);
  const save = async () => {
    if (text === notes) return;
    setState('saving');
    try {
      await useRunDetails.getState().note(runId, text);
      setState('saved');
      onChange();
    } catch (e) {
      setState(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div className="kr-notes">
      <textarea
        className="input kr-notes-input"
        value={text}
        placeholder="Notes: what you tried, what you learned"
        aria-label="Run notes"
        onChange={(e) => setText(e.target.value)}
        onBlur={() => void save()}
        onKeyDown={(e) => (e.ctrlKey || e.metaKey) && e.key === 'Enter' && void save()}
      />
      <span className={state !== 'idle' && state !== 'saving' && state !== 'saved' ? 'kr-inline-error' : 'faint'}>{state === 'idle' ? '' : state}</span>
    </div>
  );
}
