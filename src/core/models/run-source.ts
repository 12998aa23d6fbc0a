import { KilnError, type LineageDataset, type ModelLineage } from '../../shared/contract/index.js';
import type { MetricSummary } from '../../shared/contract/runs.js';
import type { SqlDatabase } from '../db/sql.js';
import { getRun } from '../runs/get-run.js';
import { resolveRunId } from '../runs/resolve-run.js';
import type { ManifestStore } from '../datasets/manifest-store.js';
import type { ManifestEntry } from '../datasets/manifest.js';

export interface RunSource {
  /** the stored tree (manifest digest) holding the model's files */
  manifest: string;
  files: number;
  bytes: number;
  lineage: ModelLineage;
  metrics: Record<string, MetricSummary>;
  label: string;
}

function normalize(p: string): string {
  return p
    .replace(/\\/g, '/')
    .replace(/^\.\/+/, '')
    .replace(/\/+$/, '');
}

/**
 * A run's stage output as a model artifact, without copying bytes: the output's stored tree is the
 * artifact, or (for a path inside an output) a manifest of its entries below that path, which names
 * the same chunks. Lineage comes from the run's detail (runs:get).
 */
export function runSource(db: SqlDatabase, manifests: ManifestStore, runRef: string, outputPath: string): RunSource {
  const run = getRun(db, resolveRunId(db, runRef));
  // outputs are recorded only once their stage succeeded, so a failed run's finished stages still count
  const want = normalize(outputPath);
  const out =
    run.outputs.find((o) => normalize(o.path) === want) ??
    run.outputs.filter((o) => want.startsWith(`${normalize(o.path)}/`)).sort((a, b) => b.path.length - a.path.length)[0];
  if (!out) {
    const known = run.outputs.map((o) => `${o.path} (${o.stage})`);
    throw new KilnError(
      'NOT_FOUND',
      `run #${run.seq} has no output ${JSON.stringify(outputPath)}${known.length ? `; its outputs: ${known.join(', ')}` : '; it stored no outputs'}`,
      { output: outputPath },
    );
  }
  if (out.tree === null)
    throw new KilnError(
      'NOT_FOUND',
      `the output ${out.path} of run #${run.seq} was not stored (the store refused it), so it cannot be registered without its files`,
    );
  let manifest = out.tree;
  const info = manifests.info(manifest);
  if (!info) throw new KilnError('STORE_CORRUPT', `the stored tree of output ${out.path} (run #${run.seq}) is missing from the store; run kiln data verify`);
  let files = info.files;
  let bytes = info.bytes;
  const sub = want.slice(normalize(out.path).length + 1);
  if (normalize(out.path) !== want) {
    const entries: ManifestEntry[] = [];
    for (const e of manifests.get(out.tree).entries) {
      if (e.path === sub && e.type === 'file') entries.push({ ...e, path: sub.split('/').pop()! });
      else if (e.path.startsWith(`${sub}/`))
        entries.push({
          ...e,
          path: e.path.slice(sub.length + 1),
          ...(e.linkOf !== undefined ? { linkOf: e.linkOf.startsWith(`${sub}/`) ? e.linkOf.slice(sub.length + 1) : undefined } : {}),
        });
    }
    if (!entries.length) throw new KilnError('NOT_FOUND', `the output ${out.path} of run #${run.seq} has nothing at ${JSON.stringify(sub)}`);
    for (const e of entries) if (e.linkOf === undefined) delete e.linkOf;
    const put = manifests.put(entries);
    manifest = put.digest;
    files = put.files;
    bytes = put.bytes;
  }
  const stage = run.stages.find((s) => s.stage === out.stage);
  const datasetVersions: LineageDataset[] = run.datasets.map((d) => ({
    dataset: d.dataset,
    version: d.version,
    digest: d.digest,
    role: d.role,
    stage: d.stage,
  }));
  const lineage: ModelLineage = {
    runId: run.id,
    runNumber: run.seq,
    stage: out.stage,
    output: out.path,
    datasetVersions,
    imageId: stage?.imageId ?? null,
    params: run.params,
    // the stage's own code digest where the run recorded one, else the pipeline's
    codeDigest: stage?.codeDigest ?? run.pipelineDigest,
    complete: false,
  };
  lineage.complete = lineage.runId !== null && lineage.stage !== null && lineage.imageId !== null && lineage.codeDigest !== null;
  return { manifest, files, bytes, lineage, metrics: run.metrics, label: `output ${want} of run #${run.seq}` };
}
