import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../../src/core/event-bus.js';
import { JobRegistry } from '../../../../src/core/jobs/job-registry.js';
import { type KilnError, type JobProgress, type JobState } from '../../../../src/shared/contract/index.js';

describe('JobRegistry', () => {
  it('reports state and progress, and cancel makes the job end as cancelled', async () => {
    const bus = new EventBus();
    const states: JobState[] = [];
    const progress: JobProgress[] = [];
    bus.on('jobs:state', (s) => states.push({ ...s }));
    bus.on('jobs:progress', (p) => progress.push(p));
    const jobs = new JobRegistry(bus);
    const run = jobs.run('datasets:add', 'Adding', 'j1', async (job) => {
      job.progress({ phase: 'hashing', bytesDone: 10, bytesTotal: 100, filesDone: 1, filesTotal: 10 });
      await new Promise((r) => setTimeout(r, 20));
      expect(jobs.cancel('j1')).toBe(true);
      job.throwIfCancelled();
      return 'unreachable';
    });
    const e = (await run.catch((x: unknown) => x)) as KilnError;
    expect(e.code).toBe('CANCELLED');
    expect(states.map((s) => s.state)).toEqual(['running', 'cancelled']);
    expect(progress[0]).toMatchObject({ jobId: 'j1', phase: 'hashing', bytesDone: 10, bytesTotal: 100 });
    expect(jobs.list()).toEqual([]);
    expect(jobs.cancel('j1')).toBe(false);
  });

  it('refuses a second job with the same id while the first runs', async () => {
    const jobs = new JobRegistry(new EventBus());
    let release!: () => void;
    const first = jobs.run('x', 'x', 'same', () => new Promise<void>((r) => (release = r)));
    await expect(jobs.run('x', 'x', 'same', async () => undefined)).rejects.toMatchObject({ code: 'CONFLICT' });
    release();
    await first;
  });
});
