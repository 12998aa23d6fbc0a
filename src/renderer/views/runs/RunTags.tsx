import { useState } from 'react';
import { useRunDetails } from '../../stores/run-detail';

/** Tags on a run: × removes one, Enter adds what was typed (commas separate several). */
export function RunTags({ runId, tags, onChange }: { runId: string; tags: string[]; onChange(): void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const send = async (add: string[], remove: string[]) => {
    try {
      await useRunDetails.getState().tag(runId, add, remove);
      setError(null);
      onChange();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div className="kr-tag-editor">
      {tags.map((t) => (
        <span key={t} className="pill kr-tag">
          {t}
          <button type="button" className="kr-tag-x" aria-label={`remove tag ${t}`} onClick={() => void send([], [t])}>
            ×
          </button>
        </span>
      ))}
      <input
        className="input kr-tag-input"
        placeholder="add tag"
        aria-label="add tag"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          const add = text
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean);
          if (add.length) void send(add, []).then(() => setText(''));
        }}
      />
      {error ? <span className="kr-inline-error">{error}</span> : null}
    </div>
  );
}
