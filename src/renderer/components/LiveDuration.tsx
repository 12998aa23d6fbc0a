import { formatDuration } from '../../shared/format.js';
import { useNow } from '../views/pipelines/use-now';

interface Props {
  startedAt: number | null;
  endedAt: number | null;
  /** what core computed; shown as is once the thing has ended */
  durationMs: number | null;
  running: boolean;
}

/** A duration that ticks every second while its run or stage is running, and stands still after. */
export function LiveDuration({ startedAt, endedAt, durationMs, running }: Props) {
  const now = useNow(running && startedAt ? 1000 : 0);
  const ms = running && startedAt && !endedAt ? Math.max(0, now - startedAt) : durationMs;
  return (
    <span className="num" data-live={running || undefined}>
      {formatDuration(ms)}
    </span>
  );
}
