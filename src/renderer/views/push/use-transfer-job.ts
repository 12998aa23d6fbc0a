import { useEffect, useRef, useState } from 'react';
import type { JobProgress } from '../../../shared/contract/index.js';
import { api } from '../../api/client';
import { newId } from '../../lib/new-id';

export interface TransferJob<T> {
  running: boolean;
  progress: JobProgress | null;
  result: T | null;
  error: unknown;
  start(run: (jobId: string) => Promise<T>): void;
  reset(): void;
}

/** A push or pull as a job: its id chosen here so progress (jobs:progress) and cancel can name it. */
export function useTransferJob<T>(): TransferJob<T> {
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [result, setResult] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const jobId = useRef<string | null>(null);
  useEffect(() => api.on('jobs:progress', (p) => p.jobId === jobId.current && setProgress(p)), []);
  return {
    running,
    progress,
    result,
    error,
    start(run) {
      const id = newId('push');
      jobId.current = id;
      setRunning(true);
      setError(null);
      setResult(null);
      setProgress(null);
      run(id)
        .then(
          (r) => setResult(r),
          (e: unknown) => setError(e),
        )
        .finally(() => setRunning(false));
    },
    reset() {
      setError(null);
      setResult(null);
      setProgress(null);
    },
  };
}
