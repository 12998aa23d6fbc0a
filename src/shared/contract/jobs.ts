import { z } from 'zod';
import { op, event } from './define.js';
import { empty, type JobProgress, type JobState } from './common.js';

export const jobOps = {
  'job:cancel': op<{ cancelled: boolean }>()(z.object({ jobId: z.string().min(1) }).strict()),
  'job:list': op<JobState[]>()(empty),
};

export const jobEvents = {
  'job:progress': event<JobProgress>(),
  'job:state': event<JobState>(),
};
