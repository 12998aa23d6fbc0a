import { useEffect, useState } from 'react';
import { Search } from 'lucide-react';
import type { ErrorData } from '../../../shared/contract/index.js';

interface Details {
  offset?: number;
  column?: number;
}

/**
 * The filter expression (`accuracy > 0.9 and lr = 0.001`), applied on Enter. When it does not
 * parse, core's FILTER_INVALID says where: a caret under the expression points at that column.
 */
export function FilterBox({ value, error, onApply }: { value: string; error: ErrorData | null; onApply(v: string): void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const d = (error?.details ?? {}) as Details;
  const offset = typeof d.offset === 'number' ? d.offset : null;
  return (
    <div className="kr-filter">
      <div className="kr-filter-box" data-invalid={!!error || undefined}>
        <Search size={14} className="faint" aria-hidden="true" />
        <input
          className="kr-filter-input mono"
          value={text}
          spellCheck={false}
          placeholder='Filter: accuracy > 0.9 and lr = 0.001 · status = "failed" · tag = best   (Enter)'
          aria-label="Filter runs"
          aria-invalid={!!error}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') onApply(text);
            if (e.key === 'Escape') {
              setText('');
              onApply('');
            }
          }}
        />
      </div>
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
