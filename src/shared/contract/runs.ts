// Operations and events of the runs domain: declared here, implemented in src/core/runs.
import { z } from 'zod';
import { op, event } from './define.js';
import { jobId } from './common.js';
import type { FilePreview, TreeEntry } from './datasets.js';

/** A run's status; `interrupted`: Kiln stopped (crash, engine gone) while it ran. Imported runs are 'done'. */
export type RunStatus = 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';
/** A stage's status within one run, as drawn on the DAG. */
export type StageStatus = 'queued' | 'running' | 'cached' | 'done' | 'failed' | 'not_run' | 'cancelled';

/**
 * Summary of one metric of one run, kept up to date as points arrive. Computed over finite
 * values only (NaN and ±Infinity are counted, never compared), so sorting and filtering work.
 * `last` is the finite value at the highest step (latest written wins on a repeated step).
 */
export interface MetricSummary {
  last: number | null;
  lastStep: number | null;
  min: number | null;
  max: number | null;
  /** every point, non-finite ones included */
  count: number;
  nanCount: number;
  infCount: number;
}

/** A dataset version a run read (`input`) or wrote (`output`), for links to the Datasets view. */
export interface RunDatasetRef {
  stage: string;
  role: 'input' | 'output';
  /** the name the stage uses for it (input/output name in kiln.yaml) */
  name: string;
  dataset: string;
  version: number;
  digest: string;
}

/** One row of the runs table. Times are Unix ms. */
export interface RunRow {
  id: string;
  /** 1, 2, 3…: a short handle (`kiln runs show 12`) */
  seq: number;
  kind: 'pipeline' | 'import';
  name: string;
  status: RunStatus;
  createdAt: number;
  startedAt: number | null;
  endedAt: number | null;
  /** endedAt − startedAt; for a running run, now − startedAt */
  durationMs: number | null;
  /** flattened: nested objects become dotted keys (`train.lr`) */
  params: Record<string, string | number | boolean | null>;
  tags: string[];
  notes: string;
  error: string | null;
  datasets: RunDatasetRef[];
  /** keyed by metric name */
  metrics: Record<string, MetricSummary>;
}

export interface RunListResult {
  runs: RunRow[];
  /** rows matching the filter (before offset/limit) */
  total: number;
  offset: number;
  /** every flattened param key over all runs, sorted: the column chooser's list */
  paramColumns: string[];
  /** every metric name over all runs, sorted */
  metricColumns: string[];
  /** every tag over all runs, sorted (the filter box completes `tag = …` from them) */
  tagValues: string[];
}

/** One stage of one run: the one stage shape (runs:get, pipelines:run, the runs:stage event). Times are Unix ms. */
export interface RunStageInfo {
  stage: string;
  status: StageStatus;
  /** restored from an earlier run with the same cache key; no container ran */
  cached: boolean;
  cacheKey: string | null;
  /** the image the container ran (or would have): lineage */
  imageId: string | null;
  /** digest of the workspace code the container mounted: lineage */
  codeDigest: string | null;
  exitCode: number | null;
  oomKilled: boolean;
  /** why it failed or did not run */
  error: string | null;
  /** absolute path of the stage's log file, if any */
  logPath: string | null;
  startedAt: number | null;
  endedAt: number | null;
  durationMs: number | null;
  /** GPU device ids it held */
  gpus: string[];
  /** output path → stored tree digest (Kiln's folder digest until the tree is stored) */
  outputs: Record<string, string>;
  metricPoints: number;
  malformedMetricLines: number;
}

export interface RunOutputInfo {
  stage: string;
  /** workspace path the stage wrote */
  path: string;
  digest: string;
  /** the stored tree digest (null when it could not be stored) */
  tree: string | null;
}

/** `runs:files`: what the run's stages wrote, as stored */
export interface RunFiles {
  runId: string;
  /** sorted by path; each output's root is a folder (or, for a single-file output, that file) */
  entries: TreeEntry[];
  files: number;
  bytes: number;
  /** outputs whose files were not stored */
  notStored: string[];
}

/** A model version registered from one of the run's outputs. */
export interface RunModelRef {
  name: string;
  version: number;
  /** the run output it came from, when recorded */
  output: string | null;
}

export interface RunDetail extends RunRow {
  pipelineDigest: string | null;
  stages: RunStageInfo[];
  /** what the stages produced (dataset versions they wrote are in `datasets`, role 'output') */
  outputs: RunOutputInfo[];
  /** names of the run's metrics, sorted (details via metrics:list) */
  metricNames: string[];
  /** model versions registered from this run's outputs (or holding exactly an output's files) */
  models?: RunModelRef[];
}

/** `runs:status`: a run started, changed status or ended. */
export interface RunStatusEvent {
  runId: string;
  seq: number;
  /** the jobId given to pipelines:run, so a caller can match its run before the op returns */
  jobId: string;
  status: RunStatus;
  stages: { stage: string; status: StageStatus }[];
  error: string | null;
  startedAt: number;
  endedAt: number | null;
}

/** `runs:stage`: one stage of a run, whole, after each change. */
export type RunStageEvent = RunStageInfo & { runId: string };

/** `runs:log`: batched log lines of one stage. */
export interface RunLogEvent {
  runId: string;
  stage: string;
  stream: 'stdout' | 'stderr' | 'system';
  /** complete lines, without newlines, in order; batched (at most ~50 ms or a few thousand lines per event) */
  lines: string[];
}

export interface CompareParam {
  key: string;
  /** one per run, in the order of `runs`; undefined params are null */
  values: (string | number | boolean | null)[];
  /** true when not every run has the same value */
  differs: boolean;
}

export interface CompareMetric {
  metric: string;
  /** one per run; null where the run lacks the metric */
  summaries: (MetricSummary | null)[];
  /** `last` minus the baseline run's `last`, per run (0 for the baseline; null if either is missing) */
  deltas: (number | null)[];
  /** the delta relative to |baseline last|, as a fraction; null when baseline is 0 or missing */
  relDeltas: (number | null)[];
}

export interface RunCompareResult {
  runs: RunRow[];
  baseline: string;
  params: CompareParam[];
  metrics: CompareMetric[];
}

export interface RunImportResult {
  runId: string;
  seq: number;
  lines: number;
  points: number;
  metrics: string[];
  malformed: number;
  /** the first bad lines (1-based line numbers), with why */
  errors: { line: number; reason: string }[];
  nanCount: number;
  infCount: number;
}

/** A run reference: its id, a unique id prefix, its number (`12` or `#12`), or `latest`. */
const runRef = z.string().min(1, 'a run id is required');

/**
 * Sort columns: `status`, `name`, `kind`, `seq`, `start`, `created`, `ended`, `duration`,
 * `params.KEY`, `metrics.NAME.last|min|max|count|nan|inf`, or a bare metric name (its `last`) or
 * param key (`lr` finds `train.lr` when only one key ends so). A bare name that is both a metric
 * and a param is refused with the two explicit spellings.
 */
const sortSpec = z.object({ column: z.string().min(1), dir: z.enum(['asc', 'desc']).default('asc') }).strict();

export const runsOps = {
  /**
   * Filter expression language (FILTER_INVALID with `details: { offset, column, caret }` when it does not parse):
   * `accuracy > 0.9 and lr = 0.001`, `or`, `not`, parentheses, `= != < <= > >=`, strings in quotes,
   * `status = "failed"`, `tag = best`, `name ~ "resnet"` (contains). Columns as for sort; `duration` in seconds,
   * `start`/`created`/`ended` compare with a date string (`start > "2026-11-01"`) or Unix ms.
   */
  'runs:list': op<RunListResult>()(
    z
      .object({
        sort: sortSpec.optional(),
        filter: z.string().max(10_000).optional(),
        offset: z.number().int().min(0).default(0),
        /** omitted: every matching run */
        limit: z.number().int().min(1).max(100_000).optional(),
      })
      .strict(),
  ),
  'runs:get': op<RunDetail>()(z.object({ runId: runRef }).strict()),
  /** the run's stored outputs as one file tree, each under its workspace path */
  'runs:files': op<RunFiles>()(z.object({ runId: runRef }).strict()),
  /** a file of the run's outputs, previewed as dataset files are */
  'runs:preview': op<FilePreview>()(
    z.object({ runId: runRef, path: z.string().min(1).max(4096), limit: z.number().int().min(1).max(1000).default(100) }).strict(),
  ),
  'runs:compare': op<RunCompareResult>()(
    z
      .object({
        runIds: z.array(runRef).min(2, 'compare needs at least 2 runs').max(20, 'compare takes at most 20 runs'),
        /** defaults to the first of runIds */
        baseline: runRef.optional(),
      })
      .strict(),
  ),
  'runs:tag': op<{ runId: string; tags: string[] }>()(
    z
      .object({
        runId: runRef,
        add: z.array(z.string().trim().min(1).max(100)).default([]),
        remove: z.array(z.string()).default([]),
      })
      .strict(),
  ),
  'runs:note': op<{ runId: string; notes: string }>()(z.object({ runId: runRef, notes: z.string().max(100_000) }).strict()),
  /** Removes the runs, their stages and metric points; stored outputs stay until `gc`. */
  'runs:delete': op<{ deleted: string[] }>()(z.object({ runIds: z.array(runRef).min(1) }).strict()),
  /** A JSONL file in the metrics protocol becomes a run of kind 'import'. Long: progress and cancel. */
  'runs:import': op<RunImportResult>()(
    z
      .object({
        path: z.string().min(1, 'path of a JSONL file is required'),
        name: z.string().max(200).optional(),
        /** the stage name the points are filed under */
        stage: z.string().min(1).max(100).default('import'),
        jobId,
      })
      .strict(),
    { long: true },
  ),
};

export const runsEvents = {
  /** A run started, changed state or ended; stages carry their states, for the DAG. */
  'runs:status': event<RunStatusEvent>(),
  /** One stage of a run changed state (queued, running, cached, done, failed…). */
  'runs:stage': event<RunStageEvent>(),
  /** Batched log lines of one stage. */
  'runs:log': event<RunLogEvent>(),
  /** Runs were created, changed (status, tags, notes) or deleted: tables re-fetch, debounced. */
  'runs:changed': event<{ runIds: string[]; change: 'created' | 'updated' | 'deleted' }>(),
};
