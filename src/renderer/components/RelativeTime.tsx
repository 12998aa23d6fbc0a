import { absoluteTime, relativeTime } from '../../shared/format.js';

/** "3 min ago", with the absolute time on hover. */
export function RelativeTime({ t }: { t: number | null | undefined }) {
  return (
    <time className="reltime" dateTime={t ? new Date(t).toISOString() : undefined} title={absoluteTime(t)}>
      {relativeTime(t)}
    </time>
  );
}
