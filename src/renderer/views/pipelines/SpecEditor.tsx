import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { SpecIssue } from '../../../shared/contract/index.js';
import { api } from '../../api/client';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { completeAt, type Completion } from './spec-completion';

const CHECK_AFTER_MS = 250;

/**
 * kiln.yaml in the app: problems shown inline as you type (checked by Kiln, placed on their
 * line), completion of keys and values from the JSON Schema (Ctrl+Space, or as you type a key),
 * Ctrl+S saves. The Pipelines view follows the saved file like any other edit.
 */
export function SpecEditor({ onClose }: { onClose(): void }) {
  const [text, setText] = useState<string | null>(null);
  const [saved, setSaved] = useState('');
  const [issues, setIssues] = useState<SpecIssue[]>([]);
  const [schema, setSchema] = useState<Record<string, unknown> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [menu, setMenu] = useState<{ from: number; items: Completion[]; active: number } | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    void Promise.all([api.invoke('pipelines:spec-read', {}), api.invoke('pipelines:spec-schema', {})]).then(([t, s]) => {
      setText(t.text);
      setSaved(t.text);
      setSchema(s);
    }, setError);
  }, []);
  useEffect(() => {
    if (text === null) return;
    const t = setTimeout(() => void api.invoke('pipelines:spec-check', { text }).then(setIssues, setError), CHECK_AFTER_MS);
    return () => clearTimeout(t);
  }, [text]);

  const lines = useMemo(() => (text ?? '').split('\n'), [text]);
  const byLine = useMemo(() => new Map(issues.map((i) => [i.line, i])), [issues]);
  const save = () => {
    if (text === null) return;
    void api.invoke('pipelines:spec-write', { text }).then(() => setSaved(text), setError);
  };
  const suggest = (el: HTMLTextAreaElement, force: boolean) => {
    if (!schema) return;
    const r = completeAt(schema, el.value, el.selectionStart);
    const typed = el.value.slice(r.from, el.selectionStart);
    setMenu(r.items.length && (force || typed.length > 0) ? { ...r, active: 0 } : null);
  };
  const accept = (c: Completion) => {
    const el = area.current;
    if (!el || !menu || text === null) return;
    const next = text.slice(0, menu.from) + c.insert + text.slice(el.selectionStart);
    const caret = menu.from + c.insert.length;
    setText(next);
    setMenu(null);
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(caret, caret);
    });
  };
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 's') {
      e.preventDefault();
      save();
    } else if (e.ctrlKey && e.key === ' ') {
      e.preventDefault();
      suggest(e.currentTarget, true);
    } else if (menu && (e.key === 'Tab' || e.key === 'Enter')) {
      e.preventDefault();
      accept(menu.items[menu.active]!);
    } else if (menu && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      const n = menu.items.length;
      setMenu({ ...menu, active: (menu.active + (e.key === 'ArrowDown' ? 1 : n - 1)) % n });
    } else if (menu && e.key === 'Escape') {
      e.preventDefault();
      setMenu(null);
    } else if (e.key === 'Tab') {
      e.preventDefault();
      document.execCommand('insertText', false, '  '); // YAML indents with spaces; Tab must not leave the editor
    }
  };

  return (
    <section className="kp-editor card" aria-label="kiln.yaml editor">
      <div className="card-head">
        <h2>kiln.yaml</h2>
        <span className="faint">{text !== null && text !== saved ? 'unsaved changes' : 'saved'}</span>
        <span className="spacer" />
        <span className={issues.length ? 'kp-editor-count bad' : 'kp-editor-count'} role="status">
          {issues.length ? `${issues.length} problem${issues.length === 1 ? '' : 's'}` : 'no problems'}
        </span>
        <Button size="small" variant="primary" disabled={text === null || text === saved} onClick={save} title="Save (Ctrl+S)">
          Save
        </Button>
        <Button size="small" onClick={onClose}>
          Close
        </Button>
      </div>
      {error ? <ErrorBanner error={error} title="kiln.yaml could not be read or saved" onDismiss={() => setError(null)} /> : null}
      <div className="kp-editor-body">
        <div className="kp-editor-gutter mono" aria-hidden="true">
          {lines.map((_, i) => (
            <div key={i} className={byLine.has(i + 1) ? 'bad' : undefined} title={byLine.get(i + 1)?.message}>
              {i + 1}
            </div>
          ))}
        </div>
        <textarea
          ref={area}
          className="kp-editor-text mono"
          aria-label="kiln.yaml text"
          spellCheck={false}
          value={text ?? ''}
          disabled={text === null}
          rows={Math.max(12, lines.length + 1)}
          onChange={(e) => {
            setText(e.target.value);
            suggest(e.target, false);
          }}
          onKeyDown={onKey}
          onBlur={() => setTimeout(() => setMenu(null), 150)}
        />
      </div>
      {menu ? (
        <ul className="kp-editor-menu" role="listbox" aria-label="Completions">
          {menu.items.map((c, i) => (
            <li
              key={c.label}
              role="option"
              aria-selected={i === menu.active}
              className={i === menu.active ? 'on' : undefined}
              onMouseDown={(e) => (e.preventDefault(), accept(c))}
            >
              <span className="mono">{c.label}</span>
              <span className="faint ellipsis">{c.detail}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {issues.length ? (
        <ul className="kp-editor-issues" aria-label="Problems in the text">
          {issues.map((i, n) => (
            <li key={n}>
              <button
                type="button"
                className="link-btn mono"
                onClick={() => {
                  const el = area.current;
                  if (!el) return;
                  const at = lines.slice(0, i.line - 1).reduce((a, l) => a + l.length + 1, 0) + i.column - 1;
                  el.focus();
                  el.setSelectionRange(at, at);
                }}
              >
                {i.line}:{i.column}
              </button>{' '}
              {i.message}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
