import type { ProgressUpdate } from '../jobs/job-registry.js';
import type { UploadSessions } from './upload-sessions.js';

/** Bytes the registry confirmed (or the pull received), reported with a total so the job shows rate and ETA. */
export class TransferMeter {
  done = 0;
  constructor(
    private readonly phase: string,
    public total: number,
    private readonly report?: (u: ProgressUpdate) => void,
  ) {}

  add(n: number): void {
    this.done += n;
    this.report?.({ phase: this.phase, bytesDone: Math.max(0, this.done), bytesTotal: this.total });
  }

  setPhase(phase: string, total: number): TransferMeter {
    return new TransferMeter(phase, total, this.report);
  }
}

export interface TransferOptions {
  signal?: AbortSignal;
  onProgress?: (u: ProgressUpdate) => void;
  /** PATCH size in bytes (≤ 20 MiB for ECR) */
  chunkSize?: number;
  /** blobs in flight at once */
  parallel?: number;
  insecure?: boolean;
  /** where unfinished chunked uploads are remembered, for a later process to resume */
  sessions?: UploadSessions;
}
