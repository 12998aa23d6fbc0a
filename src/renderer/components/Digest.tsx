import { useState } from 'react';
import { shortDigest } from '../../shared/format.js';
import { copyText } from '../lib/clipboard';

/** A digest shortened to 12 characters; a click copies the full value. */
export function Digest({ value, className }: { value: string | null | undefined; className?: string }) {
  const [copied, setCopied] = useState(false);
  if (!value) return <span className="mono faint">—</span>;
  const onClick = async (e: React.MouseEvent) => {
    e.stopPropagation();
    if (await copyText(value)) {
      setCopied(true);
      setTimeout(() => setCopied(false), 1200);
    }
  };
  return (
    <button type="button" className={`digest mono ${className ?? ''}`} title={`${value}\nclick to copy`} onClick={onClick}>
      {copied ? 'copied' : shortDigest(value)}
    </button>
  );
}
