import { Tag } from 'lucide-react';

/** The aliases a version holds now (champion, staging, …). */
export function AliasPills({ aliases }: { aliases: readonly string[] }) {
  if (!aliases.length) return null;
  return (
    <span className="km-aliases">
      {aliases.map((a) => (
        <span key={a} className="km-alias" data-testid={`alias-${a}`}>
          <Tag size={11} aria-hidden="true" />
          {a}
        </span>
      ))}
    </span>
  );
}
