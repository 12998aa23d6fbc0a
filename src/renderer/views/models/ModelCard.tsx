import { useEffect, useState } from 'react';
import { Pencil } from 'lucide-react';
import { api } from '../../api/client';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Markdown } from '../../lib/markdown/Markdown';

/** The model card: generated at registration, rendered as Markdown, edited in place (Ctrl/Cmd+Enter saves). */
export function ModelCard({ modelRef, card, onSaved }: { modelRef: string; card: string; onSaved(): void }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(card);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!editing) setText(card);
  }, [card, editing]);
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await api.invoke('models:card-set', { ref: modelRef, card: text });
      setEditing(false);
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <section className="card km-section" aria-label="Model card" data-testid="model-card">
      <div className="card-head">
        <h3>Model card</h3>
        <span className="km-section-actions">
          {editing ? (
            <>
              <Button size="small" onClick={() => setEditing(false)} disabled={saving}>
                Cancel
              </Button>
              <Button size="small" variant="primary" onClick={() => void save()} disabled={saving || text === card}>
                {saving ? 'Saving…' : 'Save card'}
              </Button>
            </>
          ) : (
            <Button size="small" variant="ghost" icon={<Pencil size={13} />} onClick={() => setEditing(true)}>
              Edit
            </Button>
          )}
        </span>
      </div>
      <div className="card-body">
        {error != null && <ErrorBanner error={error} title="The card was not saved" />}
        {editing ? (
          <textarea
            className="input km-card-edit"
            aria-label="Model card Markdown"
            value={text}
            autoFocus
            spellCheck
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') void save();
              if (e.key === 'Escape') setEditing(false);
            }}
          />
        ) : card.trim() ? (
          <Markdown source={card} />
        ) : (
          <div className="muted">No card yet. Edit it to say what the model is for, how it was trained and where it falls short.</div>
        )}
      </div>
    </section>
  );
}
