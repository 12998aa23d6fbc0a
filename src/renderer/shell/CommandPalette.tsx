import { useEffect, useMemo, useRef, useState } from 'react';
import { Search } from 'lucide-react';
import { usePalette } from '../stores/palette';
import { useCommands, type Command } from './use-commands';
import { matchCommands } from './match-commands';

/** Ctrl/Cmd+K: type to filter every navigation and action; Enter runs, arrows move, Escape closes. */
export function CommandPalette() {
  const open = usePalette((s) => s.open);
  const setOpen = usePalette((s) => s.setOpen);
  if (!open) return null;
  return <PaletteBody close={() => setOpen(false)} />;
}

function PaletteBody({ close }: { close(): void }) {
  const commands = useCommands();
  const [q, setQ] = useState('');
  const [sel, setSel] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);
  const shown = useMemo(() => matchCommands(commands, q), [commands, q]);
  useEffect(() => setSel(0), [q]);
  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [sel]);
  const run = (c: Command | undefined) => {
    if (!c) return;
    close();
    c.run();
  };
  return (
    <div className="palette-backdrop" onMouseDown={close}>
      <div className="palette" role="dialog" aria-label="Command palette" onMouseDown={(e) => e.stopPropagation()}>
        <div className="palette-input">
          <Search size={15} aria-hidden="true" className="faint" />
          <input
            autoFocus
            value={q}
            placeholder="Type a command or a view…"
            aria-label="Command"
            onChange={(e) => setQ(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') setSel((s) => Math.min(s + 1, shown.length - 1));
              else if (e.key === 'ArrowUp') setSel((s) => Math.max(s - 1, 0));
              else if (e.key === 'Enter') run(shown[sel]);
              else if (e.key === 'Escape') close();
              else return;
              e.preventDefault();
            }}
          />
        </div>
        <ul className="palette-list" role="listbox" ref={listRef}>
          {shown.length === 0 && <li className="palette-none muted">No command matches “{q}”</li>}
          {shown.map((c, i) => (
            <li
              key={c.id}
              role="option"
              aria-selected={i === sel}
              className={`palette-item ${i === sel ? 'selected' : ''}`}
              onMouseMove={() => setSel(i)}
              onClick={() => run(c)}
            >
              <span className="palette-group faint">{c.group}</span>
              <span className="palette-title">{c.title}</span>
              {c.hint && <kbd>{c.hint}</kbd>}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
