import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../../../src/core/db/open-database.js';
import { RunRecord, markInterrupted, type RunRecordEvents } from '../../../../src/core/runs/run-record.js';
import { getRun } from '../../../../src/core/runs/get-run.js';
import type { RunStageEvent, RunStatusEvent } from '../../../../src/shared/contract/index.js';
import { useTempDir } from '../../../helpers/temp-dir.js';

const tmp = useTempDir();

function record() {
  const db = openDatabase(join(tmp(), 'kiln.db'));
  const seen = { status: [] as RunStatusEvent[], stage: [] as RunStageEvent[], changed: [] as string[] };
  const events: RunRecordEvents = {
    status: (e) => seen.status.push(e),
    stage: (e) => seen.stage.push(e),
    changed: (e) => seen.changed.push(`${e.change} ${e.runIds.join(',')}`),
  };
  const rec = RunRecord.start(
    db,
    events,
    {
      pipelineDigest: 'sha256:p',
      params: { 'train.lr': 0.1 },
      stages: ['prep', 'train'],
      inputs: [{ stage: 'prep', name: 'data:raw@1', dataset: 'raw', version: 1, digest: 'sha256:raw' }],
      jobId: 'job-1',
    },
    1_000,
  );
  return { db, rec, seen };
}

describe('RunRecord', () => {
  it('writes the run, its queued stages and inputs at start, and announces it', () => {
    const { db, rec, seen } = record();
    expect(rec.seq).toBe(1);
    expect(seen.changed).toEqual([`created ${rec.id}`]);
    expect(seen.status).toEqual([
      {
        runId: rec.id,
        seq: 1,
        jobId: 'job-1',
        status: 'running',
        error: null,
        startedAt: 1_000,
        endedAt: null,
        stages: [
          { stage: 'prep', status: 'queued' },
          { stage: 'train', status: 'queued' },
        ],
      },
    ]);
    const r = getRun(db, rec.id);
    expect(r).toMatchObject({ kind: 'pipeline', name: 'run #1', status: 'running', pipelineDigest: 'sha256:p', params: { 'train.lr': 0.1 } });
    expect(r.stages.map((s) => [s.stage, s.status])).toEqual([
      ['prep', 'queued'],
      ['train', 'queued'],
    ]);
    expect(r.datasets).toEqual([{ stage: 'prep', role: 'input', name: 'data:raw@1', dataset: 'raw', version: 1, digest: 'sha256:raw' }]);
  });

  it('every stage change is stored and announced whole; what runs:get answers matches the events', () => {
    const { db, rec, seen } = record();
    rec.update(
      'prep',
      { status: 'running', startedAt: 2_000, cacheKey: 'sha256:k', imageId: 'sha256:img', logPath: '/l/prep.log', gpus: ['GPU-1'] },
      { code: 'sha256:code', image: 'sha256:img' },
    );
    rec.saveOutputs('prep', [{ path: 'out', digest: 'sha256:d', tree: null }]);
    rec.update('prep', { status: 'done', exitCode: 0, endedAt: 2_500, outputs: { out: 'sha256:d' }, metricPoints: 3 });
    expect(seen.stage.map((e) => e.status)).toEqual(['running', 'done']);
    const last = seen.stage[1]!;
    expect(last).toMatchObject({ runId: rec.id, stage: 'prep', durationMs: 500, gpus: ['GPU-1'], cacheKey: 'sha256:k' });
    const stored = getRun(db, rec.id).stages[0]!;
    const { runId: _runId, ...fromEvent } = last;
    // codeDigest comes from the stored key parts; the event carries what the executor set
    expect({ ...stored, codeDigest: null }).toEqual({ ...fromEvent, codeDigest: null });
    expect(stored.codeDigest).toBe('sha256:code');
    expect(stored.imageId).toBe('sha256:img');
  });

  it('finish writes the status and error, announces the end and answers the run as runs:get does', () => {
    const { db, rec, seen } = record();
    rec.update('prep', { status: 'failed', error: 'exited with code 2', endedAt: 3_000 });
    rec.update('train', { status: 'not_run', error: 'not run: upstream stage "prep" did not succeed' });
    const r = rec.finish('failed', 'stage prep failed: exited with code 2', 4_000);
    expect(r).toEqual(getRun(db, rec.id));
    expect(r).toMatchObject({ status: 'failed', error: 'stage prep failed: exited with code 2', endedAt: 4_000, durationMs: 3_000 });
    expect(seen.status.at(-1)).toMatchObject({
      status: 'failed',
      endedAt: 4_000,
      error: 'stage prep failed: exited with code 2',
      stages: [
        { stage: 'prep', status: 'failed' },
        { stage: 'train', status: 'not_run' },
      ],
    });
    expect(seen.changed.at(-1)).toBe(`updated ${rec.id}`);
  });

  it('refuses a stage that is not part of the run', () => {
    const { rec } = record();
    expect(() => rec.update('nope', { status: 'done' })).toThrow(/not part of run/);
  });

  it('markInterrupted: running stages fail, queued ones are not run, the run is interrupted', () => {
    const { db, rec } = record();
    rec.update('prep', { status: 'running', startedAt: 2_000 });
    markInterrupted(db, rec.id, 'Kiln stopped', 5_000);
    const r = getRun(db, rec.id);
    expect(r.status).toBe('interrupted');
    expect(r.stages.map((s) => [s.stage, s.status, s.error])).toEqual([
      ['prep', 'failed', 'Kiln stopped'],
      ['train', 'not_run', null],
    ]);
  });
});
