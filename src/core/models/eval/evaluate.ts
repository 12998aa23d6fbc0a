import { posix } from 'node:path';
import { KilnError, type EvalReport, type ModelVersion } from '../../../shared/contract/index.js';
import type { ManifestEntry } from '../../datasets/manifest.js';
import { StoredFile } from '../../datasets/stored-file.js';
import type { ModelService } from '../model-service.js';
import type { DeclaredModel } from '../model-config.js';
import { readHoldout, type Holdout } from './holdout.js';
import { batchSchedule, startPredictor, type Predictor } from './run-predict.js';
import { latencyStats } from './eval-metrics.js';
import { gateMetrics } from '../gates.js';

export interface EvalOpts {
  signal?: AbortSignal;
  onProgress?: (p: { phase: string; filesDone: number; filesTotal: number | null; bytesDone: number; bytesTotal: number | null; message?: string }) => void;
}

/** The model.json and its weights, read from the store; the weights as one fresh buffer (it is transferred to the worker). */
export function loadTfjsArtifact(svc: ModelService, v: ModelVersion): { kind: 'layers' | 'graph'; modelJson: string; weights: ArrayBuffer } {
  if (v.unsafe) throw new KilnError('MODEL_UNSAFE', `${v.name}@${v.version} holds pickle files, which run code when loaded; Kiln never loads it`);
  if (v.format !== 'tfjs-layers' && v.format !== 'tfjs-graph') {
    throw new KilnError(
      'MODEL_INVALID',
      `${v.name}@${v.version} is a ${v.format} model; Kiln evaluates and runs TensorFlow.js models (convert it with tensorflowjs_converter)`,
    );
  }
  const m = svc.data.manifests.get(v.digest);
  const label = `${v.name}@${v.version}`;
  const byPath = new Map<string, ManifestEntry>(m.entries.map((e) => [e.path, e]));
  const mj = m.entries
    .filter((e) => e.type === 'file' && posix.basename(e.path) === 'model.json')
    .sort((a, b) => a.path.split('/').length - b.path.split('/').length)[0];
  if (!mj) throw new KilnError('MODEL_INVALID', `${label} has no model.json`);
  try {
    const modelJson = new StoredFile(svc.data.store, mj, label).read(0, mj.size).toString('utf8');
    const j = JSON.parse(modelJson) as { weightsManifest: { paths: string[] }[] };
    const dir = posix.dirname(mj.path);
    const shards = j.weightsManifest
      .flatMap((g) => g.paths)
      .map((p) => {
        const full = dir === '.' ? posix.normalize(p) : posix.normalize(posix.join(dir, p));
        const e = byPath.get(full);
        if (!e) throw new KilnError('MODEL_INVALID', `${label}: the weights shard ${p} is missing`);
        return e;
      });
    const total = shards.reduce((a, e) => a + e.size, 0);
    const buf = new Uint8Array(total);
    let at = 0;
    for (const e of shards) {
      buf.set(new StoredFile(svc.data.store, e, label).read(0, e.size), at);
      at += e.size;
    }
    return { kind: v.format === 'tfjs-graph' ? 'graph' : 'layers', modelJson, weights: buf.buffer };
  } finally {
    svc.data.store.closeFds();
  }
}

/** The number of input features the signature declares (last dimension of the first input), or null. */
export function inputWidth(v: ModelVersion): number | null {
  const s = v.signature?.inputs[0]?.shape;
  if (!s || s.length < 2) return null;
  const d = s[s.length - 1];
  return typeof d === 'number' ? d : null;
}

/**
 * Evaluates a version on its declared holdout with TF.js on a worker thread: classifier or
 * regressor metrics, latency per batch size, and the facts gates read. Gates are not run here
 * (promotion runs them against the alias holders of the moment).
 */
export async function evaluateVersion(svc: ModelService, v: ModelVersion, cfg: DeclaredModel | undefined, opts: EvalOpts = {}): Promise<EvalReport> {
  const t0 = Date.now();
  const ref = `${v.name}@${v.version}`;
  if (!cfg?.holdout || !cfg.label) {
    throw new KilnError(
      'HOLDOUT_INVALID',
      `${ref} cannot be evaluated: declare models.${v.name}.holdout and label in kiln.yaml (e.g. holdout: data:holdout@latest, label: label)`,
    );
  }
  const where = `${cfg.file} models.${v.name}`;
  const art = loadTfjsArtifact(svc, v);
  const t1 = Date.now();
  // TF.js starts and loads the model on its thread while this one reads the holdout
  const predictor: Predictor = startPredictor(art, { signal: opts.signal });
  try {
    opts.onProgress?.({ phase: 'reading holdout', filesDone: 0, filesTotal: null, bytesDone: 0, bytesTotal: null });
    const h: Holdout = await readHoldout(svc.data, cfg.holdout, cfg.label, where);
    const holdoutMs = Date.now() - t1;
    return await predictAndScore(v, cfg, where, h, predictor, holdoutMs, t0, t1, opts);
  } finally {
    predictor.close();
  }
}

async function predictAndScore(
  v: ModelVersion,
  cfg: DeclaredModel,
  where: string,
  h: Holdout,
  predictor: Predictor,
  holdoutMs: number,
  t0: number,
  t1: number,
  opts: EvalOpts,
): Promise<EvalReport> {
  const ref = `${v.name}@${v.version}`;
  const width = inputWidth(v);
  if (width !== null && width !== h.inputColumns.length) {
    throw new KilnError(
      'HOLDOUT_INVALID',
      `${where}: the holdout ${h.dataset}@${h.version}/${h.path} has ${h.inputColumns.length} input columns (${h.inputColumns.join(', ')}; label ${cfg.label}) but ${ref} takes ${width} inputs (signature ${JSON.stringify(v.signature?.inputs[0]?.shape)})`,
      { columns: h.inputColumns, expected: width },
    );
  }
  if (opts.signal?.aborted) throw new KilnError('CANCELLED', 'the evaluation was cancelled');
  const schedule = batchSchedule(h.rows);
  const total = h.rows * h.inputColumns.length * 4;
  opts.onProgress?.({ phase: 'predicting', filesDone: 0, filesTotal: h.rows, bytesDone: 0, bytesTotal: total, message: 'starting TensorFlow.js' });
  const r = await predictor.predict(
    { inputs: h.inputs, rows: h.rows, cols: h.inputColumns.length, schedule, labels: h.labels, ...(cfg.task ? { task: cfg.task } : {}) },
    (rows) => opts.onProgress?.({ phase: 'predicting', filesDone: rows, filesTotal: h.rows, bytesDone: rows * h.inputColumns.length * 4, bytesTotal: total }),
  );
  const tP = t1 + holdoutMs;
  const predictWall = Date.now() - tP;
  const { bad, firstBad } = r;
  if (bad) {
    throw new KilnError(
      'PREDICTION_INVALID',
      `${ref} predicted NaN or ±Infinity for ${bad} of ${r.outputs.length} outputs on ${h.dataset}@${h.version}/${h.path} (first at row ${firstBad + 2} of the file); no report was stored`,
      { bad, firstRow: firstBad + 2 },
    );
  }
  // the worker gathered the metrics batch by batch: it was given the labels
  const scored = r.scored!;
  const task = scored.task;
  const metrics: Record<string, number> = {};
  let confusionMatrix: number[][] | null = null;
  let classes: number[] | null = null;
  if (task === 'classification') {
    const nClasses = Math.max(2, r.outDim);
    const badLabel = scored.badLabel;
    if (badLabel >= 0 || !scored.classifier) {
      throw new KilnError(
        'HOLDOUT_INVALID',
        `${where}: label ${h.labels[badLabel]} at row ${badLabel + 2} of ${h.path} is not a class of ${ref} (it outputs ${nClasses} classes, 0…${nClasses - 1}); for a regressor set task: regression`,
      );
    }
    Object.assign(metrics, scored.classifier.metrics);
    confusionMatrix = scored.classifier.confusionMatrix;
    classes = scored.classifier.classes;
  } else {
    if (r.outDim !== 1 || !scored.regressor)
      throw new KilnError('HOLDOUT_INVALID', `${where}: task is regression but ${ref} outputs ${r.outDim} values per row; a regressor outputs one`);
    Object.assign(metrics, scored.regressor);
  }
  const latency = latencyStats(r.timings);
  if (latency[0]) {
    metrics.latency_p50_ms = latency[0].p50Ms;
    metrics.latency_p95_ms = latency[0].p95Ms;
  }
  metrics.rows = h.rows;
  metrics.signature_matches = 1;
  Object.assign(metrics, gateMetrics(v, null));
  return {
    ref,
    version: v.version,
    task,
    backend: r.backend,
    holdout: { dataset: h.dataset, version: h.version, path: h.path, rows: h.rows, columns: h.columns },
    metrics,
    confusionMatrix,
    classes,
    latency,
    gates: [],
    passed: true,
    evaluatedAt: Date.now(),
    durationMs: Date.now() - t0,
    phases: {
      holdoutMs,
      startMs: Math.round(predictWall - r.predictMs),
      predictMs: Math.round(r.predictMs),
      otherMs: Math.max(0, Date.now() - t0 - holdoutMs - predictWall),
    },
  };
}

/** A report without evaluation, for models declared without a holdout: only size and lineage gates apply. */
export function factsReport(v: ModelVersion): EvalReport {
  return {
    ref: `${v.name}@${v.version}`,
    version: v.version,
    task: null,
    backend: 'none',
    holdout: null,
    metrics: gateMetrics(v, null),
    confusionMatrix: null,
    classes: null,
    latency: [],
    gates: [],
    passed: true,
    evaluatedAt: Date.now(),
    durationMs: 0,
  };
}
