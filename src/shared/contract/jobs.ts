import { z } from 'zod';
import { op, event } from './define.js';
import { empty, type JobProgress, type JobState } from './common.js';

export const jobsOps = {
  'jobs:cancel': op<{ cancelled: boolean }>()(z.object({ jobId: z.string().min(1) }).strict()),
  'jobs:list': op<JobState[]>()(empty),
};

export const jobsEvents = {
  'jobs:progress': event<JobProgress>(),
  'jobs:state': event<JobState>(),
};
