import type { ReactNode } from 'react';

export interface FieldProps {
  /** the visible caption; the control keeps its own aria-label, so tests and screen readers name it the same */
  label: ReactNode;
  /** the control, and whatever belongs with it (a datalist) */
  children: ReactNode;
  /** why the value is refused, in red under the control; nothing when falsy */
  error?: ReactNode;
  /** announce the error as it appears (role="alert"), for errors that come from a check, not each keystroke */
  announce?: boolean;
  /** quiet notes under the control; each truthy one on its own line */
  hint?: ReactNode | ReactNode[];
}

/** A form field: caption, control, then its error and hints, all in one <label> so a click on the caption focuses the control. */
export function Field({ label, children, error, announce, hint }: FieldProps) {
  const hints = (Array.isArray(hint) ? hint : [hint]).filter((h) => h !== undefined && h !== null && h !== false && h !== '');
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      {children}
      {error ? (
        <span className="field-error" role={announce ? 'alert' : undefined}>
          {error}
        </span>
      ) : null}
      {hints.map((h, i) => (
        <span key={i} className="field-hint">
          {h}
        </span>
      ))}
    </label>
  );
}
