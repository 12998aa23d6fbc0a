import type { ReactNode } from 'react';
import { AlertCircle } from 'lucide-react';
import { describeError } from '../lib/describe-error';

/**
 * An error in one sentence (what happened, why, what to do — Kiln's messages carry all three),
 * with its code and details folded below. `actions` holds buttons that fix it, when there are any.
 */
export function ErrorBanner({ error, title, actions, onDismiss }: { error: unknown; title?: string; actions?: ReactNode; onDismiss?: () => void }) {
  const d = describeError(error);
  return (
    <div className="error-banner" role="alert">
      <AlertCircle size={16} className="error-icon" aria-hidden="true" />
      <div className="error-body">
        {title && <div className="error-title">{title}</div>}
        <div className="error-message">{d.message}</div>
        {(d.details || d.code) && (
          <details className="error-details">
            <summary>Details</summary>
            <pre className="mono">{[d.code && `code: ${d.code}`, d.details].filter(Boolean).join('\n')}</pre>
          </details>
        )}
        {actions && <div className="error-actions">{actions}</div>}
      </div>
      {onDismiss && (
        <button type="button" className="icon-btn" aria-label="Dismiss" onClick={onDismiss}>
          ×
        </button>
      )}
    </div>
  );
}
