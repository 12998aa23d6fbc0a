import { z } from 'zod';

export const empty = z.object({}).strict();
/** A client-chosen id for a long operation, so progress and cancel can name it before it returns. */
export const jobId = z.string().min(1).max(100).optional();

export interface JobProgress {
  jobId: string;
  op: string;
  phase: string;
  filesDone: number;
  filesTotal: number | null;
  bytesDone: number;
  bytesTotal: number | null;
  /** bytes per second over the last few seconds */
  rate: number;
  etaSeconds: number | null;
  message?: string;
}

export interface JobState {
  jobId: string;
  op: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  title: string;
  progress?: JobProgress;
  error?: string;
}
