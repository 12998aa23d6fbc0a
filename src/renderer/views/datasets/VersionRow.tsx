import type { DatasetVersion } from '../../../shared/contract/index.js';
import { Digest } from '../../components/Digest';
import { RelativeTime } from '../../components/RelativeTime';
import { formatBytes } from '../../../shared/format.js';

/** One version in the log: number and tags, message, size, what it added, digest, when and who. */
export function VersionRow({ v, onOpen }: { v: DatasetVersion; onOpen(): void }) {
  return (
    <div
      className="row version-grid"
      role="button"
      tabIndex={0}
      onClick={onOpen}
      onKeyDown={(e) => (e.key === 'Enter' ? onOpen() : undefined)}
      data-testid={`version-row-${v.version}`}
    >
      <span className="row-strong">
        v{v.version}
        {v.tags.map((t) => (
          <span key={t} className="pill">
            {t}
          </span>
        ))}
      </span>
      <span className="ellipsis" title={v.message}>
        {v.message || <span className="faint">no message</span>}
      </span>
      <span className="num">{v.files.toLocaleString('en-US')}</span>
      <span className="num">{formatBytes(v.bytes)}</span>
      <span className="num muted" title="bytes this version added to the store; the rest was already there">
        {formatBytes(v.bytesNew)}
      </span>
      <span>
        <Digest value={v.digest} />
      </span>
      <span className="muted ellipsis" title={v.author}>
        <RelativeTime t={v.createdAt} />
        {v.author ? ` · ${v.author}` : ''}
      </span>
    </div>
  );
}
