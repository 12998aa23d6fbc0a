import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../../../src/core/db/open-database.js';
import type { SqlDatabase } from '../../../../src/core/db/sql.js';
import { MetricsWriter } from '../../../../src/core/metrics/metrics-writer.js';
import { listRuns } from '../../../../src/core/runs/list-runs.js';
import { compareRuns } from '../../../../src/core/runs/compare-runs.js';
import { resolveRunId } from '../../../../src/core/runs/resolve-run.js';
import { type KilnError } from '../../../../src/shared/contract/index.js';
import { useTempDir } from '../../../helpers/temp-dir.js';

const tmp = useTempDir();

interface Seed {
  id: string;
  status: string;
  params: object;
  tags?: string[];
  start: number;
  end: number | null;
  acc?: number[];
}

function seed(runs: Seed[]): SqlDatabase {
  const db = openDatabase(join(tmp(), 'kiln.db'));
  const ins = db.prepare(
    `INSERT INTO runs (id, seq, kind, status, params_json, tags_json, created_at, started_at, ended_at) VALUES (?, ?, 'pipeline', ?, ?, ?, ?, ?, ?)`,
  );
  const w = new MetricsWriter(db);
  runs.forEach((r, i) => {
    ins.run(r.id, i + 1, r.status, JSON.stringify(r.params), JSON.stringify(r.tags ?? []), r.start, r.start, r.end);
    r.acc?.forEach((v, step) => w.append(r.id, 'train', 'accuracy', step, v, r.start + step));
  });
  w.flush();
  return db;
}

const T = Date.UTC(2026, 10, 1);
const runs: Seed[] = [
  { id: 'run-a', status: 'done', params: { train: { lr: 0.001, opt: 'adam' } }, tags: ['best'], start: T, end: T + 120_000, acc: [0.5, 0.95] },
  { id: 'run-b', status: 'done', params: { train: { lr: 0.01, opt: 'sgd' } }, start: T + 1000, end: T + 31_000, acc: [0.6, 0.8, NaN] },
  { id: 'run-c', status: 'failed', params: { train: { lr: 0.001, opt: 'sgd' } }, tags: ['flaky'], start: T + 2000, end: T + 7000 },
  { id: 'bbb-d', status: 'done', params: { batch: 64 }, start: T + 3000, end: T + 9000, acc: [0.91] },
];
const ids = (db: SqlDatabase, filter?: string, sort?: { column: string; dir: 'asc' | 'desc' }) =>
  listRuns(db, { offset: 0, ...(filter ? { filter } : {}), ...(sort ? { sort } : {}) }).runs.map((r) => r.id);

describe('listRuns', () => {
  it('lists newest first with summaries, flattened params and the column lists', () => {
    const db = seed(runs);
    const r = listRuns(db, { offset: 0 });
    expect(r.runs.map((x) => x.id)).toEqual(['bbb-d', 'run-c', 'run-b', 'run-a']);
    expect(r.total).toBe(4);
    expect(r.paramColumns).toEqual(['batch', 'train.lr', 'train.opt']);
    expect(r.metricColumns).toEqual(['accuracy']);
    expect(r.tagValues).toEqual(['best', 'flaky']);
    const b = r.runs.find((x) => x.id === 'run-b')!;
    expect(b.params).toEqual({ 'train.lr': 0.01, 'train.opt': 'sgd' });
    expect(b.metrics.accuracy).toMatchObject({ last: 0.8, max: 0.8, nanCount: 1, count: 3 });
    expect(b.durationMs).toBe(30_000);
  });

  it.each([
    ['accuracy > 0.9', ['bbb-d', 'run-a']],
    ['accuracy > 0.9 and lr = 0.001', ['run-a']],
    ['lr = 0.001 or batch >= 64', ['bbb-d', 'run-c', 'run-a']],
    ['status = "failed"', ['run-c']],
    ['status != failed and not (tag = best)', ['bbb-d', 'run-b']],
    ['tag = flaky or tag = best', ['run-c', 'run-a']],
    ['opt ~ "SG"', ['run-c', 'run-b']],
    ['accuracy.nan > 0', ['run-b']],
    ['metrics.accuracy.max < 0.9', ['run-b']],
    ['params.train.lr = 0.01', ['run-b']],
    ['duration >= 30', ['run-b', 'run-a']],
    ['start > "2026-11-01T00:00:01.500Z"', ['bbb-d', 'run-c']],
    ['accuracy = null', ['run-c']],
  ])('filters %j in SQL', (filter, expected) => {
    expect(ids(seed(runs), filter)).toEqual(expected);
  });

  it('sorts by metrics, params and builtins with missing values last', () => {
    const db = seed(runs);
    expect(ids(db, undefined, { column: 'accuracy', dir: 'desc' })).toEqual(['run-a', 'bbb-d', 'run-b', 'run-c']);
    expect(ids(db, undefined, { column: 'accuracy', dir: 'asc' })).toEqual(['run-b', 'bbb-d', 'run-a', 'run-c']);
    expect(ids(db, undefined, { column: 'params.train.lr', dir: 'desc' })).toEqual(['run-b', 'run-c', 'run-a', 'bbb-d']);
    expect(ids(db, undefined, { column: 'duration', dir: 'asc' })).toEqual(['run-c', 'bbb-d', 'run-b', 'run-a']);
    expect(ids(db, undefined, { column: 'status', dir: 'asc' })).toEqual(['bbb-d', 'run-b', 'run-a', 'run-c']);
    const page = listRuns(db, { offset: 1, limit: 2, sort: { column: 'seq', dir: 'asc' } });
    expect([page.runs.map((r) => r.id), page.total, page.offset]).toEqual([['run-b', 'run-c'], 4, 1]);
  });

  it('rejects unknown columns with their position, and bad dates', () => {
    const db = seed(runs);
    const e = (() => {
      try {
        ids(db, 'lr = 1 and accurasy > 0.5');
      } catch (x) {
        return x as KilnError;
      }
    })()!;
    expect(e.code).toBe('FILTER_INVALID');
    expect(e.message).toMatch(/column 12: no column "accurasy": known are .*metrics: accuracy/);
    expect(() => ids(db, 'start > "yesterday-ish"')).toThrow(/not a date/);
    expect(() => ids(db, undefined, { column: 'nope', dir: 'asc' })).toThrow(/cannot sort by "nope"/);
  });

  it('does not guess when a bare name is both a metric and a param', () => {
    const db = seed([...runs, { id: 'run-e', status: 'done', params: { accuracy: 'top1' }, start: T + 4000, end: null }]);
    expect(() => ids(db, 'accuracy > 0.5')).toThrow(/"accuracy" is both a metric and a param: write metrics.accuracy or params.accuracy/);
    expect(ids(db, 'metrics.accuracy > 0.9')).toEqual(['bbb-d', 'run-a']);
    expect(ids(db, 'params.accuracy = top1')).toEqual(['run-e']);
    expect(() => ids(db, undefined, { column: 'accuracy', dir: 'asc' })).toThrow(/both a metric and a param/);
  });

  it('compares runs: params side by side with differs, metric deltas against the baseline', () => {
    const db = seed(runs);
    const r = compareRuns(db, ['run-a', 'run-b', 'run-c'], 'run-a');
    expect(r.params).toEqual([
      { key: 'train.lr', values: [0.001, 0.01, 0.001], differs: true },
      { key: 'train.opt', values: ['adam', 'sgd', 'sgd'], differs: true },
    ]);
    const acc = r.metrics.find((m) => m.metric === 'accuracy')!;
    expect(acc.deltas[0]).toBe(0);
    expect(acc.deltas[1]).toBeCloseTo(-0.15);
    expect(acc.relDeltas[1]).toBeCloseTo(-0.15 / 0.95);
    expect(acc.deltas[2]).toBeNull();
  });

  it('resolves run references: id, seq, #seq, unique prefix; ambiguous and missing ones are explained', () => {
    const db = seed(runs);
    expect(resolveRunId(db, 'run-b')).toBe('run-b');
    expect(resolveRunId(db, '3')).toBe('run-c');
    expect(resolveRunId(db, '#4')).toBe('bbb-d');
    expect(resolveRunId(db, 'bbb')).toBe('bbb-d');
    expect(() => resolveRunId(db, 'run-')).toThrow(/ambiguous/);
    expect(() => resolveRunId(db, 'zzz')).toThrow(/no run "zzz"/);
  });
});
