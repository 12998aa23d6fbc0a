import { create } from 'zustand';
import type { JobProgress, JobState } from '../../shared/contract/index.js';
import { api } from '../api/client';

/** A background job as the status bar shows it: core jobs, and uploads the browser is streaming. */
export interface JobView {
  jobId: string;
  title: string;
  state: JobState['state'];
  progress?: JobProgress;
  error?: string;
  /** local jobs (uploads) cancel themselves; core jobs go through jobs:cancel */
  cancel?: () => void;
  updatedAt: number;
}

interface JobsState {
  jobs: Record<string, JobView>;
  load(): Promise<void>;
  /** for jobs the renderer runs itself (browser uploads) */
  upsertLocal(job: Omit<JobView, 'updatedAt'>): void;
  remove(jobId: string): void;
  /** cancels a job: its own cancel for local ones, jobs:cancel for core's */
  cancel(jobId: string): void;
}

const FINISHED_TTL_MS = 6000;

export const useJobs = create<JobsState>((set, get) => ({
  jobs: {},
  cancel(jobId) {
    const local = get().jobs[jobId]?.cancel;
    if (local) local();
    else void api.invoke('jobs:cancel', { jobId }).catch(() => undefined);
  },
  async load() {
    try {
      const list = await api.invoke('jobs:list');
      set((s) => {
        const jobs = { ...s.jobs };
        for (const j of list) jobs[j.jobId] = { ...jobs[j.jobId], ...j, updatedAt: Date.now() };
        return { jobs };
      });
    } catch {
      // no jobs shown is the right fallback
    }
  },
  upsertLocal(job) {
    set((s) => ({ jobs: { ...s.jobs, [job.jobId]: { ...job, updatedAt: Date.now() } } }));
    if (job.state !== 'running') scheduleRemoval(job.jobId);
  },
  remove(jobId) {
    set((s) => {
      const jobs = { ...s.jobs };
      delete jobs[jobId];
      return { jobs };
    });
  },
}));

function scheduleRemoval(jobId: string) {
  setTimeout(() => {
    const j = useJobs.getState().jobs[jobId];
    if (j && j.state !== 'running' && Date.now() - j.updatedAt >= FINISHED_TTL_MS - 50) useJobs.getState().remove(jobId);
  }, FINISHED_TTL_MS);
}

export function runningJobs(jobs: Record<string, JobView>): JobView[] {
  return Object.values(jobs).filter((j) => j.state === 'running');
}

let subscribed = false;
export function subscribeJobs(): void {
  if (subscribed) return;
  subscribed = true;
  api.on('jobs:state', (j) => {
    useJobs.setState((s) => ({ jobs: { ...s.jobs, [j.jobId]: { ...s.jobs[j.jobId], ...j, updatedAt: Date.now() } } }));
    if (j.state !== 'running') scheduleRemoval(j.jobId);
  });
  api.on('jobs:progress', (p) => {
    useJobs.setState((s) => {
      const prev = s.jobs[p.jobId];
      return {
        jobs: {
          ...s.jobs,
          [p.jobId]: { jobId: p.jobId, title: prev?.title ?? p.op, state: prev?.state ?? 'running', ...prev, progress: p, updatedAt: Date.now() },
        },
      };
    });
  });
}
