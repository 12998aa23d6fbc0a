import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../../../src/core/db/open-database.js';
import type { SqlDatabase } from '../../../../src/core/db/sql.js';
import { MetricsWriter } from '../../../../src/core/metrics/metrics-writer.js';
import { readSeriesPoints } from '../../../../src/core/metrics/read-series.js';
import { querySeries } from '../../../../src/core/metrics/series-query.js';
import { reduceMinMax } from '../../../../src/core/metrics/reduce-series.js';
import { listMetrics } from '../../../../src/core/metrics/list-metrics.js';
import { exportPoints, CSV_HEADER } from '../../../../src/core/metrics/export-points.js';
import { BLOCK_POINTS } from '../../../../src/core/metrics/block-codec.js';
import type { MetricsAppended } from '../../../../src/shared/contract/index.js';
import { KilnError } from '../../../../src/shared/contract/index.js';
import { useTempDir } from '../../../helpers/temp-dir.js';

const tmp = useTempDir();

function freshDb(): SqlDatabase {
  const db = openDatabase(join(tmp(), 'kiln.db'));
  db.prepare(`INSERT INTO runs (id, seq, kind, status, created_at) VALUES ('r1', 1, 'import', 'done', 0)`).run();
  return db;
}

const seriesIds = (db: SqlDatabase, metric: string) =>
  db
    .prepare('SELECT id FROM metric_series WHERE run_id = ? AND metric = ?')
    .all<{ id: number }>('r1', metric)
    .map((r) => r.id);

describe('metrics store', () => {
  it('stores points in blocks, not rows, and reads them back exactly', () => {
    const db = freshDb();
    const w = new MetricsWriter(db);
    const n = BLOCK_POINTS * 2 + 100;
    for (let i = 0; i < n; i++) w.append('r1', 'train', 'loss', i, 1 / (i + 1), 1_700_000_000_000 + i);
    w.flush();
    const blocks = db.prepare('SELECT count(*) AS c, sum(n) AS n FROM metric_blocks').get<{ c: number; n: number }>()!;
    expect(blocks).toEqual({ c: 3, n });
    const p = readSeriesPoints(db, seriesIds(db, 'loss'), 'step');
    expect(p.x.length).toBe(n);
    expect(p.x[n - 1]).toBe(n - 1);
    expect(p.y[123]).toBe(1 / 124);
    const t = readSeriesPoints(db, seriesIds(db, 'loss'), 'time');
    expect(t.x[5]).toBe(1_700_000_000_005);
  });

  it('grows the open block in place across flushes (a live run leaves no tiny rows)', () => {
    const db = freshDb();
    const events: MetricsAppended[] = [];
    const w = new MetricsWriter(db, (e) => events.push(e));
    for (let f = 0; f < 10; f++) {
      for (let i = 0; i < 10; i++) w.append('r1', 'train', 'loss', f * 10 + i, i, 0);
      w.flush();
    }
    expect(db.prepare('SELECT count(*) AS c, sum(n) AS n FROM metric_blocks').get()).toEqual({ c: 1, n: 100 });
    expect(events).toHaveLength(10);
    expect(events[0]).toEqual({ runId: 'r1', stage: 'train', metrics: ['loss'], points: 10 });
    w.flush();
    expect(events).toHaveLength(10); // nothing new, no event
  });

  it('seals a flushed open block when it fills, and merges stages by step on read', () => {
    const db = freshDb();
    const w = new MetricsWriter(db);
    for (let i = 0; i < 100; i++) w.append('r1', 'train', 'loss', i * 2, i, 0);
    w.flush();
    for (let i = 100; i < BLOCK_POINTS + 50; i++) w.append('r1', 'train', 'loss', i * 2, i, 0);
    for (let i = 0; i < 10; i++) w.append('r1', 'eval', 'loss', i * 2 + 1, -i, 0);
    w.flush();
    expect(
      db
        .prepare('SELECT n FROM metric_blocks ORDER BY id')
        .all()
        .map((r) => (r as { n: number }).n),
    ).toEqual([BLOCK_POINTS, 50, 10]);
    const p = readSeriesPoints(db, seriesIds(db, 'loss'), 'step');
    expect(p.x.length).toBe(BLOCK_POINTS + 60);
    expect([...p.x.subarray(0, 6)]).toEqual([0, 1, 2, 3, 4, 5]);
    expect([...p.y.subarray(0, 6)]).toEqual([0, -0, 1, -1, 2, -2]);
  });

  it('keeps a summary per run and metric: last at the highest step, finite min/max, NaN and Inf counted', () => {
    const db = freshDb();
    const w = new MetricsWriter(db);
    const vals = [5, NaN, 2, Infinity, -Infinity, 9, 3];
    vals.forEach((v, i) => w.append('r1', 'train', 'acc', i, v, 1000 + i));
    w.append('r1', 'eval', 'acc', 2, -1, 999); // another stage, lower step: min changes, last does not
    w.flush();
    // a second sink (another tail) merges into the same summary
    const w2 = new MetricsWriter(db);
    w2.append('r1', 'eval', 'acc', 6, 4, 2000); // repeated highest step: written later wins
    w2.flush();
    const [m] = listMetrics(db, 'r1');
    expect(m!.summary).toEqual({ last: 4, lastStep: 6, min: -1, max: 9, count: 9, nanCount: 1, infCount: 2 });
    expect(m!.stages).toEqual(['eval', 'train']);
    expect([m!.firstTs, m!.lastTs, m!.minStep, m!.maxStep]).toEqual([999, 2000, 0, 6]);
  });

  it('sorts out-of-order steps for display, keeping repeated steps in write order', () => {
    const db = freshDb();
    const w = new MetricsWriter(db);
    const steps = [3, 1, 2, 2, 0, 5, 4];
    steps.forEach((s, i) => w.append('r1', 's', 'm', s, i * 10, 0));
    w.flush();
    const p = readSeriesPoints(db, seriesIds(db, 'm'), 'step');
    expect([...p.x]).toEqual([0, 1, 2, 2, 3, 4, 5]);
    expect([...p.y]).toEqual([40, 10, 20, 30, 0, 60, 50]);
    // export keeps the order as written
    const e = exportPoints(db, { runId: 'r1', format: 'rows', maxPoints: 100 });
    expect(e.rows!.map((r) => r.step)).toEqual(steps);
  });

  it('stores non-arithmetic and fractional steps exactly', () => {
    const db = freshDb();
    const w = new MetricsWriter(db);
    const steps = Array.from({ length: 5000 }, (_, i) => i * 0.1 + (i % 7 === 0 ? 0.05 : 0));
    steps.forEach((s, i) => w.append('r1', 's', 'a', s, i, 0));
    for (let i = 0; i < 5000; i++) w.append('r1', 's', 'b', i * 0.1, i, 0);
    w.flush();
    expect([...readSeriesPoints(db, seriesIds(db, 'a'), 'step').x]).toEqual(steps);
    expect([...readSeriesPoints(db, seriesIds(db, 'b'), 'step').x]).toEqual(Array.from({ length: 5000 }, (_, i) => i * 0.1));
  });

  it('reduces a long series to the width, returns raw points when zoomed in, and NaN gaps with counts', () => {
    const db = freshDb();
    const w = new MetricsWriter(db);
    for (let i = 0; i < 20_000; i++) w.append('r1', 's', 'loss', i, i === 15_000 ? NaN : i === 15_001 ? Infinity : Math.sin(i), 0);
    w.flush();
    const full = querySeries(db, { runId: 'r1', metric: 'loss', x: 'step', width: 200 });
    expect(full.raw).toBe(false);
    expect(full.count).toBe(20_000);
    expect(full.totalCount).toBe(20_000);
    expect([full.nanCount, full.infCount]).toEqual([1, 1]);
    expect(full.bucketX.length).toBe(200);
    expect(full.x.length).toBeLessThanOrEqual(1000);
    expect(full.xExtent).toEqual([0, 19_999]);
    const zoom = querySeries(db, { runId: 'r1', metric: 'loss', x: 'step', width: 200, xMin: 14_950, xMax: 15_050 });
    expect(zoom.raw).toBe(true);
    // the 101 points in range, plus the nearest one outside each end so the line reaches the edges
    expect([...zoom.x]).toEqual(Array.from({ length: 103 }, (_, i) => 14_949 + i));
    expect(Number.isNaN(zoom.y[51]!) && Number.isNaN(zoom.y[52]!)).toBe(true);
    expect(zoom.y[53]).toBe(Math.sin(15_002));
    const atStart = querySeries(db, { runId: 'r1', metric: 'loss', x: 'step', width: 200, xMin: -5, xMax: 3.5 });
    expect([...atStart.x]).toEqual([0, 1, 2, 3, 4]);
    expect(atStart.count).toBe(4);
    expect([zoom.nanCount, zoom.infCount, zoom.count, zoom.totalCount]).toEqual([1, 1, 101, 20_000]);
  });

  it('reduces in-order blocks straight from storage exactly as the sorted arrays would be reduced', () => {
    const db = freshDb();
    const w = new MetricsWriter(db);
    for (let i = 0; i < 3 * BLOCK_POINTS + 7; i++) w.append('r1', 's', 'm', i * 3, Math.cos(i / 50) + (i % 97 === 0 ? NaN : 0), 1000 + i * 2);
    w.flush();
    for (const [x, xMin, xMax] of [
      ['step', 100, 30_000],
      ['time', 5000, 20_000],
      ['step', undefined, undefined],
    ] as const) {
      const s = querySeries(db, { runId: 'r1', metric: 'm', x, width: 300, ...(xMin === undefined ? {} : { xMin, xMax }) });
      expect(s.raw).toBe(false);
      const p = readSeriesPoints(db, seriesIds(db, 'm'), x, s.xRange![0], s.xRange![1]);
      const r = reduceMinMax(p.x, p.y, 300, s.xRange![0], s.xRange![1]);
      expect([s.x, s.y, s.yMin, s.yMax, s.bucketX]).toEqual([r.x, r.y, r.yMin, r.yMax, r.bucketX]);
      expect([s.count, s.nanCount]).toEqual([p.x.length, p.nanCount]);
    }
  });

  it('says which metrics a run has when asked for a missing one, and refuses points for unknown runs', () => {
    const db = freshDb();
    const w = new MetricsWriter(db);
    w.append('r1', 's', 'loss', 0, 1, 0);
    w.flush();
    expect(() => querySeries(db, { runId: 'r1', metric: 'acc', x: 'step', width: 10 })).toThrow(/no metric "acc"; it has: loss/);
    expect(() => new MetricsWriter(db).append('nope', 's', 'loss', 0, 1, 0)).toThrow(KilnError);
  });

  it('exports every point in pages with a cursor, header once, NaN spelled out', () => {
    const db = freshDb();
    const w = new MetricsWriter(db);
    for (let i = 0; i < BLOCK_POINTS * 3; i++) w.append('r1', 's', 'loss', i, i === 1 ? NaN : i, Date.UTC(2026, 0, 1));
    w.append('r1', 's', 'acc', 0, 0.5, Date.UTC(2026, 0, 1));
    w.flush();
    const lines: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const p = exportPoints(db, { runId: 'r1', format: 'csv', maxPoints: BLOCK_POINTS, ...(cursor ? { cursor } : {}) });
      lines.push(...p.csv!.split('\n').filter(Boolean));
      cursor = p.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(lines[0]).toBe(CSV_HEADER);
    expect(lines).toHaveLength(1 + BLOCK_POINTS * 3 + 1);
    expect(lines[1]).toBe('acc,s,0,0.5,2026-01-01T00:00:00.000Z');
    expect(lines[3]).toBe('loss,s,1,NaN,2026-01-01T00:00:00.000Z');
    expect(() => exportPoints(db, { runId: 'r1', format: 'csv', maxPoints: 10, cursor: 'bogus' })).toThrow(/cursor/);
  });
});
