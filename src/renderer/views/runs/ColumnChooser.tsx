import { useEffect, useRef, useState } from 'react';
import { Columns3, Pin, PinOff } from 'lucide-react';
import { Button } from '../../components/Button';
import type { RunColumn } from './run-columns';

interface Props {
  all: RunColumn[];
  visible: Set<string>;
  onChoose(id: string, shown: boolean): void;
  pinned: string[];
  onPin(id: string, pinned: boolean): void;
}

/** Which columns the runs table shows (fixed ones, metrics, params) and which stay pinned at the left; a search for long lists. */
export function ColumnChooser({ all, visible, onChoose, pinned, onPin }: Props) {
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => !box.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  const groups: [string, RunColumn[]][] = [
    ['Run', all.filter((c) => c.kind !== 'param' && c.kind !== 'metric')],
    ['Metrics', all.filter((c) => c.kind === 'metric')],
    ['Params', all.filter((c) => c.kind === 'param')],
  ];
  const match = (c: RunColumn) => !q || c.title.toLowerCase().includes(q.toLowerCase());
  return (
    <div className="kr-chooser" ref={box}>
      <Button icon={<Columns3 size={14} />} onClick={() => setOpen(!open)} aria-expanded={open}>
        Columns
      </Button>
      {open ? (
        <div className="kr-chooser-pop" role="dialog" aria-label="Choose columns" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          <input className="input" autoFocus placeholder="Find a column" value={q} onChange={(e) => setQ(e.target.value)} />
          <div className="kr-chooser-list">
            {groups.map(([name, cols]) =>
              cols.some(match) ? (
                <div key={name}>
                  <h3>{name}</h3>
                  {cols.filter(match).map((c) => {
                    const pin = pinned.includes(c.id);
                    return (
                      <div key={c.id} className="kr-chooser-row">
                        <label className="kr-chooser-item">
                          <input type="checkbox" checked={visible.has(c.id)} disabled={pin} onChange={(e) => onChoose(c.id, e.target.checked)} />
                          <span className="ellipsis">{c.title}</span>
                        </label>
                        <button
                          type="button"
                          className="icon-btn kr-pin"
                          aria-pressed={pin}
                          aria-label={`${pin ? 'Unpin' : 'Pin'} ${c.title}`}
                          title={pin ? 'Unpin: scrolls with the others' : 'Pin: stays at the left while scrolling sideways'}
                          onClick={() => onPin(c.id, !pin)}
                        >
                          {pin ? <PinOff size={13} /> : <Pin size={13} />}
                        </button>
                      </div>
                    );
                  })}
                </div>
              ) : null,
            )}
          </div>
        </div>
      ) : null}
    </div>
  );
}
