// Operations and events of the models domain (the registry): declared here, implemented in src/core/models.
import { z } from 'zod';
import { op, event } from './define.js';
import { empty, jobId } from './common.js';
import type { CheckoutResult, FilePreview, TreeEntry } from './datasets.js';
import type { MetricSummary } from './runs.js';

/** A model name: same rule as dataset names; it appears in refs as NAME@VERSION or NAME@ALIAS. */
export const modelName = z
  .string()
  .min(1, 'model name is required')
  .max(100, 'model name is longer than 100 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'model name may hold only letters, digits, ".", "_" and "-", and must start with a letter or digit');

/** An alias: `champion`, `staging`, any name starting with a letter (`latest` is reserved: the newest version). */
export const aliasName = z
  .string()
  .min(1, 'alias is required')
  .max(100, 'alias is longer than 100 characters')
  .regex(/^[A-Za-z][A-Za-z0-9._-]*$/, 'an alias starts with a letter and holds letters, digits, ".", "_", "-"')
  .refine((a) => a !== 'latest', 'the alias "latest" is reserved: it always names the newest version');

/** `NAME@3` (a version) or `NAME@champion` (an alias; `NAME@latest` is the newest version). */
export const modelRef = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*@[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a model reference is NAME@VERSION or NAME@ALIAS, e.g. digits@3 or digits@champion');

/** Formats the registry recognises. `pickle` is flagged unsafe and never loaded. */
export type ModelFormat = 'tfjs-layers' | 'tfjs-graph' | 'savedmodel' | 'onnx' | 'safetensors' | 'gguf' | 'pickle' | 'unknown';

export interface TensorSpec {
  name: string;
  /** e.g. float32, int32; null when the format does not say */
  dtype: string | null;
  /** null for a free dimension (the batch) */
  shape: (number | null)[] | null;
}

/** The input/output signature, where the format carries one (TF.js, ONNX, SavedModel, safetensors tensors). */
export interface ModelSignature {
  inputs: TensorSpec[];
  outputs: TensorSpec[];
}

/** A dataset version a model's run read or wrote. */
export interface LineageDataset {
  dataset: string;
  version: number;
  digest: string;
  role: 'input' | 'output';
  stage: string;
}

/** Where a version came from. Every field is null for a model registered from a folder. */
export interface ModelLineage {
  runId: string | null;
  /** the run's seq number (`kiln runs show 12`) */
  runNumber: number | null;
  stage: string | null;
  /** the run output's workspace path the model came from */
  output: string | null;
  datasetVersions: LineageDataset[];
  imageId: string | null;
  params: Record<string, string | number | boolean | null>;
  /** the pipeline digest of the run (its code and config) */
  codeDigest: string | null;
  /** true when run, stage, dataset versions, image and code are all known (the `lineage_complete` gate) */
  complete: boolean;
}

export interface ModelVersion {
  name: string;
  version: number;
  format: ModelFormat;
  /** the artifact's manifest digest ("sha256:<hex>") in the content store: the version's identity */
  digest: string;
  /** same as `digest`: the dataset-style manifest that holds the files */
  manifestDigest: string;
  sizeBytes: number;
  files: number;
  /** Unix ms */
  createdAt: number;
  author: string;
  /** the note given at registration (`kiln models register -m`, the register dialog); empty when none */
  message: string;
  /** aliases this version holds now */
  aliases: string[];
  signature: ModelSignature | null;
  lineage: ModelLineage;
  /** the run's metric summary at registration (empty without a run) */
  metrics: Record<string, MetricSummary>;
  /** the last evaluation report, if validated */
  gateReport: EvalReport | null;
  /** Markdown, generated at registration, editable */
  card: string;
  /** true for formats that execute code when loaded (pickle): never loaded by Kiln */
  unsafe: boolean;
  /** why it is unsafe, or other notes from format detection */
  warnings: string[];
}

export interface ModelSummary {
  name: string;
  versions: number;
  latest: number | null;
  /** alias → version */
  aliases: Record<string, number>;
  format: ModelFormat | null;
  createdAt: number;
  updatedAt: number;
  /** true when kiln.yaml declares this model (holdout, gates) */
  declared: boolean;
}

export interface ModelVersionPage {
  versions: ModelVersion[];
  total: number;
  offset: number;
}

/** One gate as written in kiln.yaml, parsed. */
export interface GateSpec {
  /** the source text, e.g. `accuracy >= champion.accuracy - 0.01` */
  text: string;
  file: string;
  line: number;
  column: number;
}

/** One gate's outcome. */
export interface GateResult {
  gate: string;
  /** the metric (or check) the gate reads: accuracy, size_mb, lineage_complete, signature_matches… */
  metric: string;
  op: '>=' | '>' | '<=' | '<' | '==' | '!=';
  measured: number | boolean | null;
  /** the right-hand side, evaluated (e.g. champion.accuracy − 0.01) */
  threshold: number | boolean | null;
  pass: boolean;
  /** why it failed or was skipped (e.g. "no champion yet: passes") */
  message: string;
  line: number;
  column: number;
}

export interface LatencyStat {
  batchSize: number;
  p50Ms: number;
  p95Ms: number;
  batches: number;
}

export interface ModelConfig {
  name: string;
  /** `data:holdout@latest` or `data:NAME@V/path.csv` */
  holdout: string | null;
  label: string | null;
  gates: GateSpec[];
  file: string;
}

export interface EvalReport {
  ref: string;
  version: number;
  /** null when nothing was evaluated (no holdout declared: only size and lineage gates apply) */
  task: 'classification' | 'regression' | null;
  /** TF.js backend used: tensorflow-gpu, tensorflow (tfjs-node), wasm or cpu; 'none' when nothing was evaluated */
  backend: string;
  holdout: { dataset: string; version: number; path: string; rows: number; columns: string[] } | null;
  /** accuracy, precision, recall, f1, roc_auc | rmse, mae, r2; also size_mb, lineage_complete (0/1) */
  metrics: Record<string, number>;
  /** classifiers: rows = true class, columns = predicted, in `classes` order */
  confusionMatrix: number[][] | null;
  classes: (string | number)[] | null;
  latency: LatencyStat[];
  gates: GateResult[];
  /** every gate passed (true when there are none) */
  passed: boolean;
  evaluatedAt: number;
  durationMs: number;
  /** where the time went: reading the holdout, starting TF.js and loading the model, predicting, the rest (metrics) */
  phases?: { holdoutMs: number; startMs: number; predictMs: number; otherMs: number };
}

/** One entry of the append-only alias log. */
export interface AliasEvent {
  id: number;
  name: string;
  alias: string;
  kind: 'promote' | 'rollback';
  fromVersion: number | null;
  toVersion: number;
  actor: string;
  /** Unix ms */
  at: number;
  reason: string;
  gateReport: EvalReport | null;
}

export interface ModelTree {
  name: string;
  version: number;
  digest: string;
  files: number;
  bytes: number;
  entries: TreeEntry[];
}

export interface ModelCompareResult {
  a: ModelVersion;
  b: ModelVersion;
  /** metric → values (evaluation metrics first, then run metrics' last), b − a */
  metrics: { metric: string; a: number | null; b: number | null; delta: number | null }[];
  params: { key: string; a: string | number | boolean | null; b: string | number | boolean | null; differs: boolean }[];
  signatureEqual: boolean;
  /** each tensor (matched by name) whose dtype or shape differs, or that only one side has */
  signatureDiff: { io: 'input' | 'output'; name: string; a: TensorSpec | null; b: TensorSpec | null }[];
  formatEqual: boolean;
  sizeDelta: number;
}

export interface BackendInfo {
  /** the backend evaluation uses: tensorflow-gpu | tensorflow | wasm | cpu */
  backend: string;
  /** every candidate, best first, and why one is missing */
  candidates: { name: string; package: string; available: boolean; reason: string | null }[];
}

const refInput = z.object({ ref: modelRef }).strict();
const register = z.union([
  /** a local folder or file (the CLI, an Electron drop) */
  z.object({ name: modelName, path: z.string().min(1), message: z.string().max(10_000).default(''), jobId }).strict(),
  /** a run's stage output, already in the store: no copy */
  z
    .object({
      name: modelName,
      fromRun: z.string().min(1, 'a run id is required'),
      output: z.string().min(1, 'the output path is required'),
      message: z.string().max(10_000).default(''),
      jobId,
    })
    .strict(),
  /** a folder streamed with PUT /api/upload/<uploadId>?path=… (web mode drop) */
  z.object({ name: modelName, uploadId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), message: z.string().max(10_000).default(''), jobId }).strict(),
]);

export const modelsOps = {
  'models:list': op<ModelSummary[]>()(empty),
  /** newest first, paged */
  'models:versions': op<ModelVersionPage>()(
    z.object({ name: modelName, offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(50) }).strict(),
  ),
  'models:get': op<ModelVersion>()(refInput),
  'models:register': op<ModelVersion>()(register, { long: true }),
  /** evaluates on the declared holdout and runs the gates; the report is stored with the version */
  'models:validate': op<EvalReport>()(refInput.extend({ jobId }).strict(), { long: true }),
  /** runs the gates (validating first when needed) and moves the alias; refused (GATE_FAILED) naming each failing gate */
  'models:promote': op<AliasEvent>()(
    z
      .object({
        ref: modelRef,
        alias: aliasName,
        reason: z.string().max(10_000).default(''),
        /** the model whose alias moves (the UI sends the page's model): a version of another model is refused */
        model: modelName.optional(),
        jobId,
      })
      .strict(),
    { long: true },
  ),
  /** moves the alias back to the version that held it before its last move */
  'models:rollback': op<AliasEvent>()(z.object({ name: modelName, alias: aliasName, reason: z.string().max(10_000).default('') }).strict()),
  /** the alias log, oldest first */
  'models:history': op<{ name: string; events: AliasEvent[] }>()(z.object({ name: modelName, alias: aliasName.optional() }).strict()),
  'models:checkout': op<CheckoutResult>()(z.object({ ref: modelRef, dir: z.string().min(1), jobId }).strict(), { long: true }),
  'models:files': op<ModelTree>()(refInput),
  'models:preview': op<FilePreview>()(
    z.object({ ref: modelRef, path: z.string().min(1).max(4096), limit: z.number().int().min(1).max(1000).default(100) }).strict(),
  ),
  'models:card-set': op<ModelVersion>()(z.object({ ref: modelRef, card: z.string().max(1_000_000) }).strict()),
  'models:compare': op<ModelCompareResult>()(z.object({ a: modelRef, b: modelRef }).strict()),
  /** in-app prediction with TF.js (layers and graph models) */
  'models:predict': op<{ outputs: number[][]; backend: string }>()(
    z.object({ ref: modelRef, inputs: z.array(z.array(z.number())).min(1, 'at least one input row').max(100_000) }).strict(),
  ),
  /** the model's declaration in kiln.yaml (holdout, label, gates), or null */
  'models:config': op<ModelConfig | null>()(z.object({ name: modelName }).strict()),
  /** which TF.js backend evaluation uses */
  'models:backend': op<BackendInfo>()(empty),
};

export const modelsEvents = {
  /** a model gained a version, an alias moved, a card or report changed */
  'models:changed': event<{ name: string; version?: number; alias?: string }>(),
};
