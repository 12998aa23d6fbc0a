import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Search } from 'lucide-react';
import type { ErrorData } from '../../../shared/contract/index.js';
import { complete, placeholder, type Completion, type FilterKeys } from './filter-completion';

interface Details {
  offset?: number;
  column?: number;
}

interface Props {
  value: string;
  error: ErrorData | null;
  onApply(v: string): void;
  keys: FilterKeys;
  /** values from a real run, so the placeholder's example reads like this workspace */
  example: { metric?: number; param?: unknown };
}

/**
 * The filter expression (`metrics.accuracy > 0.9 and params.lr = 0.001`), applied on Enter. Column
 * names and tags complete as you type (↑/↓ to choose, Tab or Enter to take). When it does not
 * parse, core's FILTER_INVALID says where: a caret under the expression points at that column.
 */
export function FilterBox({ value, error, onApply, keys, example }: Props) {
  const [text, setText] = useState(value);
  const [menu, setMenu] = useState<Completion | null>(null);
  const [active, setActive] = useState(0);
  // Enter applies the filter unless the user moved into the list with the arrows
  const [picked, setPicked] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => setText(value), [value]);
  // after a completion the caret goes right after the inserted name, before the next keystroke lands
  const caretAfter = useRef<number | null>(null);
  useLayoutEffect(() => {
    if (caretAfter.current === null) return;
    input.current?.setSelectionRange(caretAfter.current, caretAfter.current);
    caretAfter.current = null;
  }, [text]);
  const d = (error?.details ?? {}) as Details;
  const offset = typeof d.offset === 'number' ? d.offset : null;

  const suggest = (t: string, caret: number) => {
    setMenu(complete(t, caret, keys));
    setActive(0);
    setPicked(false);
  };
  const take = (option: string) => {
    if (!menu) return;
    const next = `${text.slice(0, menu.from)}${option}${text.slice(menu.to)}`;
    caretAfter.current = menu.from + option.length;
    setText(next);
    setMenu(null);
  };

  return (
    <div className="kr-filter">
      <div className="kr-filter-box" data-invalid={!!error || undefined}>
        <Search size={14} className="faint" aria-hidden="true" />
        <input
          ref={input}
          className="kr-filter-input mono"
          value={text}
          spellCheck={false}
          autoComplete="off"
          placeholder={placeholder(keys, example)}
          aria-label="Filter runs"
          aria-invalid={!!error}
          role="combobox"
          aria-expanded={!!menu}
          aria-controls="kr-filter-options"
          aria-autocomplete="list"
          aria-activedescendant={menu && picked ? `kr-filter-option-${active}` : undefined}
          onChange={(e) => {
            setText(e.target.value);
            suggest(e.target.value, e.target.selectionStart ?? e.target.value.length);
          }}
          onBlur={() => setMenu(null)}
          onKeyDown={(e) => {
            if (menu) {
              if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                e.preventDefault();
                const n = menu.options.length;
                setActive((a) => (picked ? (a + (e.key === 'ArrowDown' ? 1 : n - 1)) % n : e.key === 'ArrowDown' ? 0 : n - 1));
                setPicked(true);
                return;
              }
              if (e.key === 'Tab' || (e.key === 'Enter' && picked)) {
                e.preventDefault();
                take(menu.options[active]!);
                return;
              }
              if (e.key === 'Escape') {
                setMenu(null);
                return;
              }
            }
            if (e.key === 'Enter') setMenu(null);
            if (e.key === 'Enter') onApply(text);
            if (e.key === 'Escape') {
              setText('');
              onApply('');
            }
          }}
        />
      </div>
      {menu ? (
        <ul className="kr-filter-menu" role="listbox" id="kr-filter-options" aria-label="Filter completions">
          {menu.options.map((o, i) => (
            <li
              key={o}
              id={`kr-filter-option-${i}`}
              role="option"
              aria-selected={picked && i === active}
              className="mono"
              // mousedown, not click: the input would blur first and close the list
              onMouseDown={(e) => {
                e.preventDefault();
                take(o);
              }}
            >
              {o}
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <div className="kr-filter-error" role="alert" data-testid="filter-error">
          {offset !== null ? (
            <pre className="kr-filter-caret mono" aria-hidden="true">
              {value}
              {'\n'}
              {' '.repeat(offset)}^
            </pre>
          ) : null}
          <span>{error.message}</span>
        </div>
      ) : null}
    </div>
  );
}
