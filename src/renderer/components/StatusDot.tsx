export type StatusTone = 'ok' | 'warn' | 'bad' | 'idle' | 'busy';

/** Status is a small coloured dot plus a word, never colour alone. */
export function StatusDot({ tone, label, title }: { tone: StatusTone; label: string; title?: string }) {
  return (
    <span className={`status status-${tone}`} title={title}>
      <span className="status-dot" aria-hidden="true" />
      <span className="status-label">{label}</span>
    </span>
  );
}
