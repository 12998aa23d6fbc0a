import { useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { ChevronDown, ChevronUp, Download } from 'lucide-react';
import { download, safeName } from '../../charts/export';
import { useWidth } from '../../charts/use-width';
import { logHub } from '../../stores/log-hub';
import { findMatches, lineAtRow, wrappedRows, type LogMatch } from './log-layout';
import './log-view.css';

const LINE_HEIGHT = 18;
const OVERSCAN = 20;
// left + right padding of a line
const PAD_X = 24;
// the search box's keys, on hover; too long for its placeholder, which the box's width cuts off
const KEYS_HINT = 'Search the log (Enter: next match, Shift+Enter: previous)';

/** A line with every occurrence of the query marked; the current match gets its own mark. */
function highlight(text: string, query: string, currentCol: number | null): ReactNode {
  if (!query) return text;
  const lower = text.toLowerCase();
  const q = query.toLowerCase();
  const out: ReactNode[] = [];
  let from = 0;
  for (let at = lower.indexOf(q); at >= 0; at = lower.indexOf(q, at + q.length)) {
    if (at > from) out.push(text.slice(from, at));
    out.push(
      <mark key={at} className={at === currentCol ? 'kp-mark kp-mark-current' : 'kp-mark'}>
        {text.slice(at, at + q.length)}
      </mark>,
    );
    from = at + q.length;
  }
  if (from === 0) return text;
  out.push(text.slice(from));
  return out;
}

/**
 * A stage's log, virtualized: only the visible lines are in the DOM, so it renders the same at 100
 * lines or 200,000 (wrapped lines too: a monospace line's height follows from its length). It
 * follows the tail until the user scrolls up, and follows again once they scroll back to the
 * bottom. Search marks every match (Enter / Shift+Enter step through them); Download saves the
 * whole log file, not only the lines this window keeps.
 */
export function LogView({ runId, stage, emptyText = 'No output yet.' }: { runId: string; stage: string; emptyText?: string }) {
  const version = useSyncExternalStore(
    (cb) => logHub.subscribe(runId, stage, cb),
    () => logHub.version(runId, stage),
  );
  const ring = logHub.ring(runId, stage);
  const box = useRef<HTMLDivElement>(null);
  const probe = useRef<HTMLSpanElement>(null);
  const follow = useRef(true);
  // where we last put the scroll ourselves: a scroll event at or below it is ours, not the user's
  const pinnedTop = useRef(0);
  const lastDropped = useRef(ring.dropped);
  const [viewport, setViewport] = useState({ top: 0, height: 400 });
  const [wrap, setWrap] = useState(() => localStorage.getItem('kiln.log.wrap') === '1');
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(0);
  const [saving, setSaving] = useState(false);
  const width = useWidth(box, 60);
  const [charW, setCharW] = useState(7.2);
  useLayoutEffect(() => {
    const w = probe.current?.getBoundingClientRect().width;
    if (w) setCharW(w / 100);
  }, []);

  const perRow = Math.max(8, Math.floor((width - PAD_X) / charW));
  const rows = useMemo(() => (wrap ? wrappedRows(ring.length, (i) => ring.line(i).length, perRow) : null), [wrap, ring, version, perRow]);
  const topOf = (i: number) => (rows ? rows[i]! : i) * LINE_HEIGHT;
  const totalHeight = (rows ? rows[ring.length]! : ring.length) * LINE_HEIGHT;
  const matches = useMemo(() => findMatches(ring.length, (i) => ring.line(i), query), [ring, version, query]);
  const at: LogMatch | undefined = matches[Math.min(current, matches.length - 1)];

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
  }, [version, ring, wrap]);

  useLayoutEffect(() => {
    follow.current = true;
    lastDropped.current = ring.dropped;
  }, [ring]);

  const reveal = (m: LogMatch | undefined) => {
    const el = box.current;
    if (!el || !m) return;
    follow.current = false;
    el.scrollTop = Math.max(0, topOf(m.line) - el.clientHeight / 2);
    if (!wrap) {
      const x = PAD_X / 2 + m.col * charW;
      if (x < el.scrollLeft || x > el.scrollLeft + el.clientWidth - 40) el.scrollLeft = Math.max(0, x - el.clientWidth / 2);
    }
    setViewport({ top: el.scrollTop, height: el.clientHeight });
  };
  const step = (by: number) => {
    if (!matches.length) return;
    const next = (Math.min(current, matches.length - 1) + by + matches.length) % matches.length;
    setCurrent(next);
    reveal(matches[next]);
  };
  // a new query starts at its first match
  useEffect(() => {
    setCurrent(0);
    if (query) reveal(matches[0]);
  }, [query]);

  const onScroll = () => {
    const el = box.current!;
    const atBottom = el.scrollTop + el.clientHeight >= el.scrollHeight - LINE_HEIGHT * 2;
    // lines keep arriving between our scroll and its event, so "not at the bottom" alone does not
    // mean the user scrolled: only moving up from where we pinned it does
    if (atBottom) follow.current = true;
    else if (el.scrollTop < pinnedTop.current - LINE_HEIGHT) follow.current = false;
    setViewport({ top: el.scrollTop, height: el.clientHeight });
  };

  const firstRow = Math.floor(viewport.top / LINE_HEIGHT) - OVERSCAN;
  const lastRow = Math.ceil((viewport.top + viewport.height) / LINE_HEIGHT) + OVERSCAN;
  const first = rows ? lineAtRow(rows, Math.max(0, firstRow)) : Math.max(0, firstRow);
  const last = Math.min(ring.length, rows ? lineAtRow(rows, lastRow) + 1 : lastRow);
  const lines = [];
  for (let i = first; i < last; i++) {
    const h = rows ? (rows[i + 1]! - rows[i]!) * LINE_HEIGHT : LINE_HEIGHT;
    lines.push(
      <div key={ring.dropped + i} className="kp-log-line" data-stream={ring.stream(i)} style={{ top: topOf(i), height: h }}>
        {highlight(ring.line(i), query, at && at.line === i ? at.col : null)}
      </div>,
    );
  }

  const save = async () => {
    setSaving(true);
    try {
      download(new Blob([await logHub.fullText(runId, stage)], { type: 'text/plain' }), `${safeName(`${runId}-${stage}`)}.log`);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="kp-log-panel">
      <div className="kp-log-tools" role="toolbar" aria-label={`log tools of ${stage}`}>
        <input
          className="input kp-log-search"
          type="search"
          value={query}
          placeholder="Search the log"
          aria-label="Search the log"
          title={KEYS_HINT}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              step(e.shiftKey ? -1 : 1);
            }
          }}
        />
        <span className="kp-log-count num muted" data-testid="log-match-count" aria-live="polite">
          {query ? (matches.length ? `${Math.min(current, matches.length - 1) + 1} of ${matches.length.toLocaleString('en-US')}` : 'no matches') : ''}
        </span>
        {/* the keys that step through matches, shown while there is something to step through */}
        {matches.length ? (
          <span className="kp-log-hint" data-testid="log-search-hint" aria-hidden="true">
            <kbd>Enter</kbd> next · <kbd>Shift+Enter</kbd> previous
          </span>
        ) : null}
        <button
          type="button"
          className="icon-btn"
          aria-label="Previous match"
          title="Previous match (Shift+Enter)"
          disabled={!matches.length}
          onClick={() => step(-1)}
        >
          <ChevronUp size={14} />
        </button>
        <button type="button" className="icon-btn" aria-label="Next match" title="Next match (Enter)" disabled={!matches.length} onClick={() => step(1)}>
          <ChevronDown size={14} />
        </button>
        <label className="kp-log-wrap-toggle">
          <input
            type="checkbox"
            checked={wrap}
            onChange={(e) => {
              setWrap(e.target.checked);
              localStorage.setItem('kiln.log.wrap', e.target.checked ? '1' : '0');
            }}
          />{' '}
          wrap
        </label>
        <button type="button" className="icon-btn" aria-label="Download the log" title="Download the whole log" disabled={saving} onClick={() => void save()}>
          <Download size={14} />
        </button>
      </div>
      <div className="kp-log-wrap">
        <div
          className="kp-log"
          ref={box}
          onScroll={onScroll}
          tabIndex={0}
          role="log"
          aria-label={`log of ${stage}`}
          data-lines={ring.total}
          data-wrap={wrap || undefined}
        >
          <span className="kp-log-probe" ref={probe} aria-hidden="true">
            {'x'.repeat(100)}
          </span>
          {ring.length === 0 ? <div className="kp-log-empty">{emptyText}</div> : null}
          <div className="kp-log-inner" style={{ height: totalHeight }}>
            {lines}
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
    </div>
  );
}
