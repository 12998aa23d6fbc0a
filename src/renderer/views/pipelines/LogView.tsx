import { useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import { logHub } from '../../stores/log-hub';
import './log-view.css';

const LINE_HEIGHT = 18;
const OVERSCAN = 20;

/**
 * A stage's log, virtualized with fixed-height rows: only the visible lines are in the DOM, so
 * it renders the same at 100 lines or 200,000. It follows the tail until the user scrolls up,
 * and follows again once they scroll back to the bottom.
 */
export function LogView({ runId, stage, emptyText = 'No output yet.' }: { runId: string; stage: string; emptyText?: string }) {
  const version = useSyncExternalStore(
    (cb) => logHub.subscribe(runId, stage, cb),
    () => logHub.version(runId, stage),
  );
  const ring = logHub.ring(runId, stage);
  const box = useRef<HTMLDivElement>(null);
  const follow = useRef(true);
  // where we last put the scroll ourselves: a scroll event at or below it is ours, not the user's
  const pinnedTop = useRef(0);
  const lastDropped = useRef(ring.dropped);
  const [viewport, setViewport] = useState({ top: 0, height: 400 });

  // keep the view pinned to the tail, or keep the user's place when old lines fall off the front
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const shift = ring.dropped - lastDropped.current;
    lastDropped.current = ring.dropped;
    if (follow.current) {
      el.scrollTop = el.scrollHeight;
      pinnedTop.current = el.scrollTop;
    } else if (shift > 0) el.scrollTop = Math.max(0, el.scrollTop - shift * LINE_HEIGHT);
    setViewport((v) => (v.top === el.scrollTop && v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight }));
  }, [version, ring]);

  useLayoutEffect(() => {
    follow.current = true;
    lastDropped.current = ring.dropped;
  }, [ring]);

  const onScroll = () => {
    const el = box.current!;
    const atBottom = el.scrollTop + el.clientHeight >= el.scrollHeight - LINE_HEIGHT * 2;
    // lines keep arriving between our scroll and its event, so "not at the bottom" alone does not
    // mean the user scrolled: only moving up from where we pinned it does
    if (atBottom) follow.current = true;
    else if (el.scrollTop < pinnedTop.current - LINE_HEIGHT) follow.current = false;
    setViewport({ top: el.scrollTop, height: el.clientHeight });
  };

  const first = Math.max(0, Math.floor(viewport.top / LINE_HEIGHT) - OVERSCAN);
  const last = Math.min(ring.length, Math.ceil((viewport.top + viewport.height) / LINE_HEIGHT) + OVERSCAN);
  const rows = [];
  for (let i = first; i < last; i++) {
    rows.push(
      <div key={ring.dropped + i} className="kp-log-line" data-stream={ring.stream(i)} style={{ top: i * LINE_HEIGHT }}>
        {ring.line(i)}
      </div>,
    );
  }
  return (
    <div className="kp-log-wrap">
      <div className="kp-log" ref={box} onScroll={onScroll} tabIndex={0} role="log" aria-label={`log of ${stage}`} data-lines={ring.total}>
        {ring.length === 0 ? <div className="kp-log-empty">{emptyText}</div> : null}
        <div className="kp-log-inner" style={{ height: ring.length * LINE_HEIGHT }}>
          {rows}
        </div>
      </div>
      {!follow.current && ring.length > 0 ? (
        <button
          type="button"
          className="kp-log-follow"
          onClick={() => {
            follow.current = true;
            box.current!.scrollTop = box.current!.scrollHeight;
            pinnedTop.current = box.current!.scrollTop;
          }}
        >
          Follow tail
        </button>
      ) : null}
    </div>
  );
}
