// Operations and events of the pipelines domain: declared here, implemented in src/core/pipelines.
import { z } from 'zod';
import { op, event } from './define.js';
import { jobId } from './common.js';
import type { RunDetail, StageStatus } from './runs.js';
import { localImagePolicy } from './engine.js';

/** One place in kiln.yaml; line and column are 1-based. */
export interface SpecPosition {
  file: string;
  line: number;
  column: number;
}

/** A problem in kiln.yaml: where, which field (dotted path, e.g. `stages.train.gpus`) and what. */
export interface SpecIssue extends SpecPosition {
  field: string;
  message: string;
}

export type StageInputRef =
  | { kind: 'dataset'; raw: string; dataset: string; ref: string }
  | { kind: 'path'; raw: string; path: string }
  | { kind: 'stage'; raw: string; stage: string; path: string };

/** A stage as the runner sees it, after defaults. */
export interface StageSpec {
  name: string;
  image: string | null;
  build: { dockerfile: string; context: string } | null;
  /** exec form: a string cmd in kiln.yaml becomes ['/bin/sh', '-c', cmd] */
  cmd: string[];
  env: Record<string, string>;
  params: Record<string, string | number | boolean | null>;
  inputs: StageInputRef[];
  outputs: string[];
  metrics: boolean;
  /** a count, or 'all' */
  gpus: number | 'all';
  cpus: number | null;
  memoryBytes: number | null;
  timeoutSeconds: number | null;
  network: 'none' | 'bridge';
  cache: boolean;
  position: SpecPosition;
}

/** An edge of the DAG: `to` reads `path`, which `from` writes. */
export interface PipelineEdge {
  from: string;
  to: string;
  path: string;
}

export interface StaleReason {
  kind: 'never_run' | 'image' | 'cmd' | 'env' | 'param' | 'input' | 'code' | 'upstream' | 'cache_off' | 'outputs_missing' | 'unknown';
  /** the param, env var, input or path that changed */
  name?: string;
  message: string;
}

export interface StageStaleness {
  stage: string;
  stale: boolean;
  reasons: StaleReason[];
  /** null when the key cannot be computed (image not present, input missing) */
  cacheKey: string | null;
  /** the last run in which this stage succeeded or was cached */
  lastRunId: string | null;
  /** the stage's state in the latest run that included it */
  lastStatus: StageStatus | null;
}

export interface PipelineView {
  file: string;
  /** SHA-256 of the normalized spec */
  digest: string;
  stages: StageSpec[];
  edges: PipelineEdge[];
  /** a topological order */
  order: string[];
}

export interface PipelineGetResult {
  file: string;
  exists: boolean;
  pipeline: PipelineView | null;
  /** parse, schema and DAG problems; `pipeline` is null when there are any */
  issues: SpecIssue[];
  /** per stage, when asked for and the pipeline is valid */
  staleness: StageStaleness[] | null;
}

/** One stage of `pipelines:plan`: whether a run would execute it, and why. Nothing is recorded. */
export interface StagePlan {
  stage: string;
  willRun: boolean;
  /** why it would run (`--force`, what changed), or null when it would be restored from the cache */
  reason: string | null;
  /** null when it cannot be computed yet (image not present, input missing) */
  cacheKey: string | null;
}

export interface PipelineLogs {
  runId: string;
  stage: string;
  path: string;
  /** line offset of `lines[0]` */
  offset: number;
  lines: string[];
  /** offset to ask for next */
  nextOffset: number;
  /** no more lines at the time of reading (more may come while the stage runs) */
  eof: boolean;
}

/**
 * A stage image and whether a run can have it: `present` here, `local` (a node image built
 * here stands in for it), `pullable` from its registry, `unpullable` (reason says why;
 * `canBuildLocal` when a local node image can stand in), or `build` (from a Dockerfile).
 */
export interface ImageCheck {
  image: string;
  stages: string[];
  state: 'present' | 'local' | 'pullable' | 'unpullable' | 'build' | 'unknown';
  /** the image that will be used instead, for `local` */
  substitute: string | null;
  canBuildLocal: boolean;
  message: string;
}

/** kiln.yaml as text, for the in-app editor. */
export interface SpecText {
  file: string;
  exists: boolean;
  text: string;
}

const stageNames = z.array(z.string().min(1)).optional();

export const pipelinesOps = {
  /** kiln.yaml parsed and checked, with the DAG; `status: true` adds staleness per stage (hashes inputs). */
  'pipelines:get': op<PipelineGetResult>()(z.object({ status: z.boolean().default(false) }).strict()),
  /**
   * Runs the pipeline (or the named stages and what they need); resolves when the run ends, with the
   * run as `runs:get` answers it. Live progress: `runs:status`, `runs:stage`, `runs:log`.
   */
  'pipelines:run': op<RunDetail>()(
    z
      .object({
        stages: stageNames,
        force: z.boolean().default(false),
        /** a node image that cannot be pulled: fail (default) or build one from this machine's node */
        localImage: localImagePolicy.default('never'),
        jobId,
      })
      .strict(),
    { long: true },
  ),
  /** What `pipelines:run` with the same input would do (a dry run): inputs, images and GPUs checked, nothing started or recorded. */
  'pipelines:plan': op<StagePlan[]>()(z.object({ stages: stageNames, force: z.boolean().default(false) }).strict()),
  /** Each stage image: here, pullable (asked of the registry, nothing downloaded), or not to be had. */
  'pipelines:images': op<ImageCheck[]>()(z.object({}).strict()),
  /** kiln.yaml's text (empty when there is none). */
  'pipelines:spec-read': op<SpecText>()(z.object({}).strict()),
  /** Checks kiln.yaml text without saving it: every problem, placed (for inline errors while typing). */
  'pipelines:spec-check': op<SpecIssue[]>()(z.object({ text: z.string().max(1_000_000) }).strict()),
  /** Saves kiln.yaml (atomically), whatever its problems; returns what was saved, parsed. */
  'pipelines:spec-write': op<PipelineGetResult>()(z.object({ text: z.string().max(1_000_000) }).strict()),
  /** The JSON Schema of kiln.yaml, for completion in the editor. */
  'pipelines:spec-schema': op<Record<string, unknown>>()(z.object({}).strict()),
  'pipelines:cancel': op<{ cancelled: boolean }>()(z.object({ runId: z.string().min(1) }).strict()),
  /** Which stages are stale and why (which input, param or code changed). */
  'pipelines:status': op<StageStaleness[]>()(z.object({ stages: stageNames }).strict()),
  /** Lines of a stage's log file; the run as `runs:get` takes it (id, unique id prefix, number or 'latest'). */
  'pipelines:logs': op<PipelineLogs>()(
    z
      .object({
        runId: z.string().min(1),
        stage: z.string().min(1),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(100_000).default(1000),
      })
      .strict(),
  ),
};

export const pipelinesEvents = {
  /** kiln.yaml was written, replaced or removed (by the app or any editor) */
  'pipelines:changed': event<{ file: string }>(),
};
