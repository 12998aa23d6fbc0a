import type { ReactNode } from 'react';

// code first (its content is literal), then links, bold, italic
const TOKEN = /(`[^`]+`)|(\[[^\]]+\]\([^)\s]+\))|(\*\*[^*]+\*\*|__[^_]+__)|(\*[^*\s][^*]*\*|_[^_\s][^_]*_)/;

/** Only web and mail links become anchors; anything else (javascript:, file:) stays text. */
function safeHref(href: string): string | null {
  return /^(https?:|mailto:)/i.test(href) ? href : null;
}

/** Inline Markdown as React elements: text is never parsed as HTML, so a card cannot inject markup. */
export function Inline({ text }: { text: string }): ReactNode {
  const parts: ReactNode[] = [];
  let rest = text;
  let key = 0;
  while (rest) {
    const m = TOKEN.exec(rest);
    if (!m) {
      parts.push(rest);
      break;
    }
    if (m.index) parts.push(rest.slice(0, m.index));
    const t = m[0];
    if (m[1])
      parts.push(
        <code key={key++} className="mono">
          {t.slice(1, -1)}
        </code>,
      );
    else if (m[2]) {
      const [, label = '', href = ''] = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(t) ?? [];
      const safe = safeHref(href);
      parts.push(
        safe ? (
          <a key={key++} href={safe} target="_blank" rel="noreferrer noopener">
            {label}
          </a>
        ) : (
          <span key={key++}>{label}</span>
        ),
      );
    } else if (m[3]) parts.push(<strong key={key++}>{<Inline text={t.slice(2, -2)} />}</strong>);
    else parts.push(<em key={key++}>{<Inline text={t.slice(1, -1)} />}</em>);
    rest = rest.slice(m.index + t.length);
  }
  return <>{parts}</>;
}
