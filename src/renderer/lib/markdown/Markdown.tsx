import { useMemo } from 'react';
import { parseBlocks, type Block } from './parse-blocks';
import { Inline } from './Inline';

function BlockView({ b }: { b: Block }) {
  switch (b.kind) {
    case 'heading': {
      const H = `h${Math.min(6, b.level + 1)}` as 'h2';
      return (
        <H>
          <Inline text={b.text} />
        </H>
      );
    }
    case 'paragraph':
      return (
        <p>
          <Inline text={b.text} />
        </p>
      );
    case 'code':
      return <pre className="mono md-code">{b.text}</pre>;
    case 'quote':
      return (
        <blockquote>
          <Inline text={b.text} />
        </blockquote>
      );
    case 'rule':
      return <hr />;
    case 'list': {
      const L = b.ordered ? 'ol' : 'ul';
      return (
        <L>
          {b.items.map((t, i) => (
            <li key={i}>
              <Inline text={t} />
            </li>
          ))}
        </L>
      );
    }
    case 'table':
      return (
        <table className="table md-table">
          <thead>
            <tr>
              {b.head.map((c, i) => (
                <th key={i}>
                  <Inline text={c} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {b.rows.map((r, i) => (
              <tr key={i}>
                {r.map((c, j) => (
                  <td key={j}>
                    <Inline text={c} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
  }
}

/** A model card rendered from Markdown; headings step down one level so the page's h1 stays the page's. */
export function Markdown({ source }: { source: string }) {
  const blocks = useMemo(() => parseBlocks(source), [source]);
  return (
    <div className="markdown">
      {blocks.map((b, i) => (
        <BlockView key={i} b={b} />
      ))}
    </div>
  );
}
