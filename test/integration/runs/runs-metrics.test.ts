import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCoreWithContext as createCore, type CoreWithContext as Core } from '../../helpers/core-with-context.js';
import { decodeBinary, encodeBinary } from '../../../src/shared/codec.js';
import { type KilnError, type MetricSeries } from '../../../src/shared/contract/index.js';
import { MetricsWriter } from '../../../src/core/metrics/metrics-writer.js';
import { parseMetricLines } from '../../../src/core/metrics/metric-lines.js';
import { kiln } from '../../helpers/kiln-cli.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tmp = useTempDir();

async function openCore(): Promise<{ core: Core; dir: string }> {
  const dir = tmp();
  const core = await createCore({ host: 'cli', kilnHome: join(dir, 'home') });
  await core.invoke('workspaces:create', { path: join(dir, 'ws') });
  return { core, dir };
}

function jsonl(path: string, n: number, metrics: Record<string, (i: number) => number | string>, extra: string[] = []): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++)
    for (const [m, f] of Object.entries(metrics)) lines.push(JSON.stringify({ metric: m, step: i, value: f(i), ts: 1_760_000_000 + i }));
  writeFileSync(path, `${[...lines, ...extra].join('\n')}\n`);
  return path;
}

const rejection = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as KilnError;
  }
  throw new Error('did not reject');
};

describe('runs and metrics through the contract', () => {
  it('imports JSONL runs, then lists, filters, sorts, draws, compares, tags, exports and deletes them', async () => {
    const { core, dir } = await openCore();
    try {
      const progress: number[] = [];
      core.on('jobs:progress', (p) => p.op === 'runs:import' && progress.push(p.bytesDone));
      const changed: string[] = [];
      core.on('runs:changed', (e) => changed.push(e.change));
      const a = await core.invoke('runs:import', {
        path: jsonl(join(dir, 'a.jsonl'), 5000, { loss: (i) => 1 / (i + 1), accuracy: (i) => (i === 10 ? 'NaN' : i / 5000) }, [
          'oops',
          '{"metric":"loss","step":"x","value":1}',
        ]),
        name: 'baseline',
      });
      expect(a).toMatchObject({ lines: 10_002, points: 10_000, metrics: ['accuracy', 'loss'], malformed: 2, nanCount: 1 });
      expect(a.errors.map((e) => e.line)).toEqual([10_001, 10_002]);
      expect(progress.length).toBeGreaterThan(0);
      const b = await core.invoke('runs:import', { path: jsonl(join(dir, 'b.jsonl'), 300, { loss: (i) => 2 / (i + 1), accuracy: (i) => 0.95 + i / 1e5 }) });
      expect(changed).toEqual(['created', 'created']);

      // list, filter, sort
      const all = await core.invoke('runs:list', {});
      expect(all.runs.map((r) => r.id)).toEqual([b.runId, a.runId]);
      expect(all.runs[1]).toMatchObject({ kind: 'import', status: 'done', name: 'baseline', startedAt: 1_760_000_000_000, endedAt: 1_760_004_999_000 });
      expect(all.runs[1]!.metrics.accuracy).toMatchObject({ count: 5000, nanCount: 1, last: 4999 / 5000 });
      expect((await core.invoke('runs:list', { filter: 'accuracy > 0.95 and loss.min > 0.001 and status = done' })).runs.map((r) => r.id)).toEqual([b.runId]);
      expect((await core.invoke('runs:list', { sort: { column: 'loss.min', dir: 'asc' } })).runs.map((r) => r.id)).toEqual([a.runId, b.runId]);
      const bad = await rejection(core.invoke('runs:list', { filter: 'accuracy >> 1' }));
      expect(bad.code).toBe('FILTER_INVALID');
      expect(bad.details).toMatchObject({ column: 11, caret: '          ^' });

      // series: reduced, zoomed raw, by time; binary on the wire
      const s = await core.invoke('metrics:series', { runId: a.runId, metric: 'loss', width: 100 });
      expect(s.raw).toBe(false);
      expect(s.x).toBeInstanceOf(Float64Array);
      expect(s.yMax[0]).toBe(1);
      const wire = decodeBinary<MetricSeries>(encodeBinary(s));
      expect(wire.y).toEqual(s.y);
      const z = await core.invoke('metrics:series', { runId: String(a.seq), metric: 'accuracy', width: 100, xMin: 0, xMax: 50 });
      expect([z.raw, z.count, z.nanCount]).toEqual([true, 51, 1]);
      expect(z.x.length).toBe(52); // and the point just past xMax
      expect(Number.isNaN(z.y[10]!)).toBe(true);
      const t = await core.invoke('metrics:series', { runId: a.runId, metric: 'loss', x: 'time', width: 10_000 });
      expect([t.raw, t.x[1]]).toEqual([true, 1_760_000_001_000]);
      expect((await rejection(core.invoke('metrics:series', { runId: a.runId, metric: 'nope' }))).code).toBe('NOT_FOUND');
      expect(await core.invoke('metrics:list', { runId: a.runId })).toHaveLength(2);

      // get, compare, tag, note
      const detail = await core.invoke('runs:get', { runId: a.runId.slice(0, -2) });
      expect(detail).toMatchObject({ id: a.runId, metricNames: ['accuracy', 'loss'], stages: [], outputs: [] });
      const cmp = await core.invoke('runs:compare', { runIds: [a.runId, b.runId], baseline: b.runId });
      expect(cmp.metrics.find((m) => m.metric === 'loss')!.deltas[1]).toBe(0);
      expect(await core.invoke('runs:tag', { runId: a.runId, add: ['best', 'v1'] })).toEqual({ runId: a.runId, tags: ['best', 'v1'] });
      expect((await core.invoke('runs:tag', { runId: a.runId, remove: ['v1'] })).tags).toEqual(['best']);
      await core.invoke('runs:note', { runId: a.runId, notes: 'lr too high' });
      expect((await core.invoke('runs:list', { filter: 'tag = best and notes ~ "too"' })).runs.map((r) => r.id)).toEqual([a.runId]);

      // export every point, paged
      let cursor: string | undefined;
      let lines = 0;
      do {
        const p = await core.invoke('metrics:export', { runId: a.runId, metric: 'loss', maxPoints: 2000, ...(cursor ? { cursor } : {}) });
        lines += p.csv!.split('\n').filter(Boolean).length;
        cursor = p.nextCursor ?? undefined;
      } while (cursor);
      expect(lines).toBe(5001);

      // delete: rows and points go
      expect(await core.invoke('runs:delete', { runIds: [a.runId] })).toEqual({ deleted: [a.runId] });
      expect((await core.invoke('runs:list', {})).runs.map((r) => r.id)).toEqual([b.runId]);
      const db = core.context.workspaces.get().db;
      expect(db.prepare('SELECT count(*) AS n FROM metric_series WHERE run_id = ?').get(a.runId)).toEqual({ n: 0 });
      expect((await rejection(core.invoke('runs:get', { runId: a.runId }))).code).toBe('RUN_NOT_FOUND');
    } finally {
      await core.close();
    }
  });

  it('refuses a file with nothing valid, and keeps nothing from a cancelled import', async () => {
    const { core, dir } = await openCore();
    try {
      writeFileSync(join(dir, 'bom.jsonl'), '\uFEFF{"metric":"x","step":0,"value":1}\r\n{"metric":"x","step":1,"value":2}');
      expect(await core.invoke('runs:import', { path: join(dir, 'bom.jsonl') })).toMatchObject({ lines: 2, points: 2, malformed: 0 });
      writeFileSync(join(dir, 'bad.jsonl'), 'hello\n{"metric":"x"}\n');
      const e = await rejection(core.invoke('runs:import', { path: join(dir, 'bad.jsonl') }));
      expect(e.code).toBe('IMPORT_INVALID');
      expect(e.message).toMatch(/none of its 2 lines/);
      expect((e.details as { lines: string[] }).lines[0]).toMatch(/^line 1: not valid JSON/);

      const big = jsonl(join(dir, 'big.jsonl'), 250_000, { loss: (i) => i });
      core.on('jobs:progress', (p) => {
        if (p.jobId === 'imp' && p.bytesDone > 0) void core.invoke('jobs:cancel', { jobId: 'imp' });
      });
      const c = await rejection(core.invoke('runs:import', { path: big, jobId: 'imp' }));
      expect(c.code).toBe('CANCELLED');
      expect((await core.invoke('runs:list', {})).total).toBe(1); // the BOM file's run only
      expect(core.context.workspaces.get().db.prepare('SELECT count(*) AS n FROM metric_blocks').get()).toEqual({ n: 1 });
    } finally {
      await core.close();
    }
  });
});

describe('a pipeline run seen through the runs contract', () => {
  it('shows stages in order with cache status, and live points from the sink reach metrics:appended', async () => {
    const { core } = await openCore();
    try {
      const ws = core.context.workspaces.get();
      const db = ws.db;
      db.prepare(
        `INSERT INTO runs (id, seq, kind, name, status, params_json, created_at, started_at) VALUES ('run-p', 1, 'pipeline', 'run #1', 'running', '{"lr":0.1}', 1000, 1000)`,
      ).run();
      const stage = db.prepare('INSERT INTO run_stages (run_id, stage, status, cached, log_path, started_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
      stage.run('run-p', 'prepare', 'cached', 1, null, 1000, 1000);
      stage.run('run-p', 'train', 'running', 0, '/logs/train.log', 1001, null);
      db.prepare(
        `INSERT INTO run_datasets (run_id, stage, role, name, dataset, version, digest) VALUES ('run-p', 'prepare', 'input', 'raw', 'images', 3, 'sha256:abc')`,
      ).run();

      const appended: unknown[] = [];
      core.on('metrics:appended', (e) => appended.push(e));
      const sink = new MetricsWriter(ws.db, (e) => core.context.bus.emit('metrics:appended', e));
      sink.write(
        'run-p',
        'train',
        parseMetricLines('{"metric":"loss","step":0,"value":1}\n{"metric":"loss","step":1,"value":0.5}\n{"metric":"acc","step":1,"value":"NaN"}', 1).points,
      );
      sink.flush();
      expect(appended).toEqual([{ runId: 'run-p', stage: 'train', metrics: ['loss', 'acc'], points: 3 }]);

      const r = await core.invoke('runs:get', { runId: '#1' });
      expect(r.stages.map((s) => [s.stage, s.status, s.cached, s.logPath])).toEqual([
        ['prepare', 'cached', true, null],
        ['train', 'running', false, '/logs/train.log'],
      ]);
      expect(r.datasets).toEqual([{ stage: 'prepare', role: 'input', name: 'raw', dataset: 'images', version: 3, digest: 'sha256:abc' }]);
      expect(r.metrics.loss).toMatchObject({ last: 0.5, count: 2 });
      expect(r.metrics.acc).toMatchObject({ last: null, count: 1, nanCount: 1 });
      expect(r.durationMs).toBeGreaterThan(0);
      expect((await rejection(core.invoke('runs:delete', { runIds: ['run-p'] }))).code).toBe('CONFLICT');
    } finally {
      await core.close();
    }
  });
});

describe('kiln runs / kiln metrics (built CLI)', () => {
  it('imports, lists as JSON, shows, filters with a caret on errors, exports CSV', async () => {
    const dir = tmp();
    const ws = join(dir, 'ws');
    expect((await kiln(['init', ws])).code).toBe(0);
    jsonl(join(ws, 'm.jsonl'), 2000, { loss: (i) => 1 / (i + 1) });
    const imp = await kiln(['runs', 'import', 'm.jsonl'], { cwd: ws });
    expect(imp.code, imp.stderr).toBe(0);
    expect(imp.stdout).toMatch(/imported 2,000 points of 1 metric \(loss\) as run #1/);
    const ls = await kiln(['runs', 'ls', '--json', '--sort', '-loss'], { cwd: ws });
    const list = JSON.parse(ls.stdout) as { id: string }[];
    expect(list).toHaveLength(1);
    const show = await kiln(['runs', 'show', '1'], { cwd: ws });
    expect(show.stdout).toContain(list[0]!.id);
    expect(show.stdout).toMatch(/loss {2}last 0.0005 @1999/);
    const badFilter = await kiln(['runs', 'ls', '--filter', 'loss > '], { cwd: ws });
    expect(badFilter.code).toBe(1);
    expect(badFilter.stderr).toContain('loss > \n         ^');
    const csv = await kiln(['metrics', 'export', list[0]!.id, '--metric', 'loss', '--csv'], { cwd: ws });
    const lines = csv.stdout.trim().split('\n');
    expect(lines).toHaveLength(2001);
    expect(lines[0]).toBe('metric,stage,step,value,timestamp');
    expect(lines[1]).toBe('loss,import,0,1,2025-10-09T08:53:20.000Z');
  });
});
