import { z } from 'zod';

/**
 * The zod schema of kiln.yaml. Objects are strict so a misspelt key is an error (with a
 * "did you mean"), never silently ignored. `resources/kiln.schema.json` is generated from it.
 */
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** "512m", "2g", "1.5GiB" or a byte count */
export const memorySchema = z.union([
  z.number().int().positive(),
  z.string().regex(/^\s*\d+(\.\d+)?\s*([kmgt]i?b?|b)?\s*$/i, 'a size such as 512m, 2g or 1.5GiB'),
]);
/** "90s", "10m", "1h30m" or seconds */
export const durationSchema = z.union([
  z.number().positive(),
  z.string().regex(/^\s*(\d+(\.\d+)?\s*(ms|s|m|h)\s*)+$/i, 'a duration such as 90s, 10m or 1h30m'),
]);

export const buildSchema = z
  .object({
    dockerfile: z.string().min(1).default('Dockerfile').describe('path of the Dockerfile, relative to the workspace'),
    context: z.string().min(1).default('.').describe('build context folder, relative to the workspace'),
  })
  .strict();

export const stageSchema = z
  .object({
    image: z.string().min(1).optional().describe('image to run, e.g. python:3.12-slim'),
    build: buildSchema.optional().describe('build the image from a Dockerfile in the workspace instead of naming one'),
    cmd: z
      .union([z.string().min(1), z.array(z.string()).min(1)], { error: '`cmd` must be a string or a list of strings (quote words such as "true")' })
      .describe('a string is split like a shell would (or run with /bin/sh -c when it uses shell syntax); an array is run as is'),
    env: z.record(z.string(), scalar).optional().describe('environment variables'),
    params: z.record(z.string(), scalar).optional().describe('scalar parameters, passed as KILN_PARAM_<NAME> and part of the cache key'),
    inputs: z.array(z.string().min(1)).optional().describe('data:NAME@VERSION, data:NAME@latest, workspace paths, or outputs of other stages'),
    outputs: z.array(z.string().min(1)).optional().describe('folders or files (relative to the workspace) this stage writes'),
    metrics: z.boolean().optional().describe('tail $KILN_METRICS for metric lines (default true)'),
    gpus: z
      .union([z.number().int().min(0), z.literal('all')], { error: '`gpus` must be a count (0, 1, 2…) or `all`' })
      .optional()
      .describe('number of GPUs, or all'),
    cpus: z.number().positive().optional().describe('CPU limit (cores)'),
    memory: memorySchema.optional().describe('memory limit, e.g. 512m or 4g'),
    timeout: durationSchema.optional().describe('stop the stage after this long, e.g. 30m'),
    network: z.enum(['none', 'bridge']).optional().describe('container network (default none)'),
    cache: z.boolean().optional().describe('reuse the outputs of an identical earlier run (default true)'),
  })
  .strict();

export const STAGE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,62}$/;

/** A registered model's declaration: its holdout, gates and (optionally) the stage output to register after each run. */
export const modelSchema = z
  .object({
    holdout: z.string().min(1).optional().describe('data:NAME@VERSION (a dataset version holding one table) or data:NAME@VERSION/path.csv'),
    label: z.string().min(1).optional().describe("the holdout's target column; the other columns are the model's inputs, in order"),
    task: z.enum(['classification', 'regression']).optional().describe('what the model does (default: guessed from its output and the labels)'),
    output: z.string().min(1).optional().describe('a stage output (workspace path) registered as a new version after each successful run that changes it'),
    description: z.string().optional().describe('one line shown in the Models view'),
    gates: z
      .array(z.string().min(1))
      .optional()
      .describe('checks promotion runs, e.g. "accuracy >= 0.9", "accuracy >= champion.accuracy - 0.01", "size_mb <= 200", "lineage_complete"'),
  })
  .strict();

export const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export const pipelineSchema = z
  .object({
    version: z.literal(1).optional().describe('spec version (1)'),
    stages: z
      .record(z.string().regex(STAGE_NAME, 'stage names use letters, digits, _ . - and are at most 63 characters long'), stageSchema)
      .optional()
      .describe('the pipeline (a kiln.yaml may declare only models:)'),
    models: z
      .record(z.string().regex(MODEL_NAME, 'model names use letters, digits, . _ -'), modelSchema)
      .optional()
      .describe('registered models: holdout, label and promotion gates'),
  })
  .strict();

export type RawStage = z.output<typeof stageSchema>;

/** Known keys per object, for "did you mean". */
export const KNOWN_KEYS = {
  top: Object.keys(pipelineSchema.shape),
  stage: Object.keys(stageSchema.shape),
  build: Object.keys(buildSchema.shape),
  model: Object.keys(modelSchema.shape),
};
