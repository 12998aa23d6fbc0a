import { KilnError, type MetricsAppended } from '../../shared/contract/index.js';
import type { SqlDatabase, SqlStatement } from '../db/sql.js';
import type { MetricPoint, MetricsSink } from './metrics-api.js';
import { BLOCK_POINTS, isArithmetic, toBlob } from './block-codec.js';
import { SummaryDelta, SummaryWriter } from './summary-delta.js';

/** A block being filled: three parallel arrays and, once flushed, the row that holds its prefix. */
interface OpenBlock {
  steps: Float64Array;
  vals: Float64Array;
  ts: Float64Array;
  n: number;
  /** points already in the database row `rowid` */
  persisted: number;
  rowid: number | null;
}

interface SeriesBuffer {
  runId: string;
  stage: string;
  metric: string;
  seriesId: number;
  open: OpenBlock;
  /** full blocks waiting for the next flush */
  sealed: OpenBlock[];
  delta: SummaryDelta;
  pending: number;
}

const EMPTY_BLOB = new Uint8Array(0);

// Blocks start small and double up to BLOCK_POINTS, so a run logging a thousand rarely-updated
// metrics holds kilobytes per metric, not 96 KiB.
const FIRST_CAPACITY = 64;

const newBlock = (): OpenBlock => ({
  steps: new Float64Array(FIRST_CAPACITY),
  vals: new Float64Array(FIRST_CAPACITY),
  ts: new Float64Array(FIRST_CAPACITY),
  n: 0,
  persisted: 0,
  rowid: null,
});

function grow(b: OpenBlock): void {
  const cap = Math.min(BLOCK_POINTS, b.steps.length * 2);
  for (const k of ['steps', 'vals', 'ts'] as const) {
    const a = new Float64Array(cap);
    a.set(b[k]);
    b[k] = a;
  }
}

/**
 * The metrics sink: `write` appends to in-memory blocks (a few array stores per point), `flush`
 * writes full blocks and rewrites the open tail block in one transaction, so a live run gets
 * durable points every flush without leaving thousands of tiny rows behind.
 */
export class MetricsWriter implements MetricsSink {
  /** run+stage → metric → buffer */
  private readonly groups = new Map<string, Map<string, SeriesBuffer>>();
  private readonly dirty = new Set<SeriesBuffer>();
  private lastKey = '';
  private lastGroup: Map<string, SeriesBuffer> | null = null;
  private readonly insertBlock: SqlStatement;
  private readonly updateBlock: SqlStatement;
  private readonly findSeries: SqlStatement;
  private readonly insertSeries: SqlStatement;
  private readonly summaries: SummaryWriter;

  constructor(
    private readonly db: SqlDatabase,
    private readonly emit?: (e: MetricsAppended) => void,
  ) {
    this.insertBlock = db.prepare(
      'INSERT INTO metric_blocks (series_id, n, step_min, step_max, ts_min, ts_max, step_sorted, ts_sorted, steps, vals, ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.updateBlock = db.prepare(
      'UPDATE metric_blocks SET n = ?, step_min = ?, step_max = ?, ts_min = ?, ts_max = ?, step_sorted = ?, ts_sorted = ?, steps = ?, vals = ?, ts = ? WHERE id = ?',
    );
    this.findSeries = db.prepare('SELECT id FROM metric_series WHERE run_id = ? AND metric = ? AND stage = ?');
    this.insertSeries = db.prepare('INSERT INTO metric_series (run_id, stage, metric) VALUES (?, ?, ?)');
    this.summaries = new SummaryWriter(db);
  }

  write(runId: string, stage: string, points: MetricPoint[]): void {
    // one lookup per call for the run+stage, then per point only when the metric changes
    const group = this.group(runId, stage);
    let metric = '';
    let buf: SeriesBuffer | undefined;
    for (let i = 0; i < points.length; i++) {
      const p = points[i]!;
      if (p.metric !== metric || !buf) {
        metric = p.metric;
        buf = group.get(metric) ?? this.openSeries(group, runId, stage, metric);
      }
      this.push(buf, p.step, p.value, p.ts);
    }
  }

  /** The column form of write, for callers that hold numbers rather than point objects. */
  append(runId: string, stage: string, metric: string, step: number, value: number, ts: number): void {
    const group = this.group(runId, stage);
    this.push(group.get(metric) ?? this.openSeries(group, runId, stage, metric), step, value, ts);
  }

  /** A writer bound to one run and stage: the cheapest path for a bulk import (see scanMetricLines). */
  appender(runId: string, stage: string): (metric: string, step: number, value: number, ts: number) => void {
    const group = this.group(runId, stage);
    let metric = '';
    let buf: SeriesBuffer | undefined;
    return (m, step, value, ts) => {
      if (m !== metric || !buf) {
        metric = m;
        buf = group.get(m) ?? this.openSeries(group, runId, stage, m);
      }
      this.push(buf, step, value, ts);
    };
  }

  private group(runId: string, stage: string): Map<string, SeriesBuffer> {
    const key = `${runId}\u0000${stage}`;
    if (key === this.lastKey) return this.lastGroup!;
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = new Map()));
    this.lastKey = key;
    this.lastGroup = g;
    return g;
  }

  private push(buf: SeriesBuffer, step: number, value: number, ts: number): void {
    let b = buf.open;
    if (b.n === BLOCK_POINTS) {
      buf.sealed.push(b);
      b = buf.open = newBlock();
    }
    if (b.n === b.steps.length) grow(b);
    const n = b.n++;
    b.steps[n] = step;
    b.vals[n] = value;
    b.ts[n] = ts;
    buf.delta.add(step, value, ts);
    if (buf.pending++ === 0) this.dirty.add(buf);
  }

  flush(): void {
    if (this.dirty.size === 0) return;
    const flushed = [...this.dirty];
    this.db.transaction(() => {
      for (const buf of flushed) {
        for (const b of buf.sealed) if (b.n > b.persisted) this.store(buf.seriesId, b);
        buf.sealed = [];
        if (buf.open.n > buf.open.persisted) this.store(buf.seriesId, buf.open);
        this.summaries.write(buf.runId, buf.metric, buf.delta);
      }
    });
    this.dirty.clear();
    // one event per run+stage, naming the metrics that grew
    const byStage = new Map<string, MetricsAppended>();
    for (const buf of flushed) {
      const k = `${buf.runId}\u0000${buf.stage}`;
      let e = byStage.get(k);
      if (!e) byStage.set(k, (e = { runId: buf.runId, stage: buf.stage, metrics: [], points: 0 }));
      e.metrics.push(buf.metric);
      e.points += buf.pending;
      buf.pending = 0;
      buf.delta = new SummaryDelta();
    }
    if (this.emit) for (const e of byStage.values()) this.emit(e);
  }

  private store(seriesId: number, b: OpenBlock): void {
    const { n } = b;
    let sMin = Infinity,
      sMax = -Infinity,
      tMin = Infinity,
      tMax = -Infinity;
    let sSorted = 1,
      tSorted = 1;
    const { steps, ts } = b;
    for (let i = 0; i < n; i++) {
      const s = steps[i]!,
        t = ts[i]!;
      if (s < sMin) sMin = s;
      if (s > sMax) sMax = s;
      if (t < tMin) tMin = t;
      if (t > tMax) tMax = t;
      if (i > 0) {
        if (s < steps[i - 1]!) sSorted = 0;
        if (t < ts[i - 1]!) tSorted = 0;
      }
    }
    const stepsBlob = isArithmetic(steps, n) ? EMPTY_BLOB : toBlob(b.steps, n);
    const cols = [n, sMin, sMax, tMin, tMax, sSorted, tSorted, stepsBlob, toBlob(b.vals, n), toBlob(b.ts, n)] as const;
    if (b.rowid === null) b.rowid = Number(this.insertBlock.run(seriesId, ...cols).lastInsertRowid);
    else this.updateBlock.run(...cols, b.rowid);
    b.persisted = n;
  }

  private openSeries(group: Map<string, SeriesBuffer>, runId: string, stage: string, metric: string): SeriesBuffer {
    let row = this.findSeries.get<{ id: number }>(runId, metric, stage);
    if (!row) {
      try {
        row = { id: Number(this.insertSeries.run(runId, stage, metric).lastInsertRowid) };
      } catch (e) {
        if (/FOREIGN KEY/i.test(String(e)))
          throw new KilnError('RUN_NOT_FOUND', `cannot store metric "${metric}": run ${runId} does not exist (was it deleted?)`);
        throw e;
      }
    }
    const buf: SeriesBuffer = { runId, stage, metric, seriesId: row.id, open: newBlock(), sealed: [], delta: new SummaryDelta(), pending: 0 };
    group.set(metric, buf);
    return buf;
  }
}
