/** Kiln's mark: a kiln arch with a flame, drawn in the accent colour. */
export function KilnMark({ size = 26 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <rect x="2" y="2" width="28" height="28" rx="7" fill="var(--accent)" />
      <path d="M9 24V15a7 7 0 0 1 14 0v9" fill="none" stroke="var(--accent-text)" strokeWidth="2.4" strokeLinecap="round" />
      <path
        d="M16 23.5c-2 0-3.2-1.3-3.2-3 0-2 1.8-2.8 2.4-4.6.9 1 1 1.9.8 2.8.8-.3 1.4-1 1.6-1.9 1 1 1.6 2.2 1.6 3.6 0 1.8-1.3 3.1-3.2 3.1z"
        fill="var(--accent-text)"
      />
    </svg>
  );
}
