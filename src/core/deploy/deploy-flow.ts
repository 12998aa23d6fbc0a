import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { KilnError, type Deployment, type DeployTarget, type DeploymentStatus, type ModelVersion } from '../../shared/contract/index.js';
import type { SqlDatabase } from '../db/sql.js';
import type { Job } from '../jobs/job-registry.js';
import type { DeployAdapter, RolloutSpec } from './adapter.js';
import { getDeployment, insertDeployment, liveDeployment, updateDeployment, type DeploymentPatch } from './deployment-repo.js';
import { parseMemory, serviceName } from './deploy-names.js';
import type { ModelSource } from './model-source.js';
import { probeRegistry } from './registry-probe.js';
import { buildServingImage, imageRef, pushServingImage } from './serving-image.js';
import { smokeRows, smokeTest } from './smoke-test.js';
import { predictLocally } from './local-predict.js';

export interface FlowDeps {
  db: SqlDatabase;
  workspaceRoot: string;
  target: DeployTarget;
  adapter: DeployAdapter;
  /** the engine that builds and pushes images */
  builder: () => Promise<Docker>;
  models: ModelSource;
  servingDir: () => string;
  job: Job;
  changed: (d: Deployment) => void;
}

export interface DeployRequest {
  model: string;
  version: number;
  replicas: number;
  port?: number | undefined;
  gpus: number;
  memory?: string | undefined;
  cpus?: number | undefined;
}

const SERVABLE = new Set(['tfjs-layers', 'tfjs-graph']);
const secs = (t0: number) => Math.round((performance.now() - t0) / 10) / 100;

function specOf(d: Deployment, root: string, image: string): RolloutSpec {
  return {
    service: d.service,
    image,
    model: d.model,
    version: d.version,
    deploymentId: d.id,
    replicas: d.replicas,
    port: d.port,
    gpus: d.gpus,
    memoryBytes: parseMemory(d.memory),
    cpus: d.cpus,
    labels: { 'kiln.deploy': '1', 'kiln.workspace': root, 'kiln.model': d.model, 'kiln.version': String(d.version), 'kiln.deployment': d.id },
  };
}

/** build → push → roll out → wait healthy → smoke test → live; a failed gate rolls back and resolves `rolled-back`. */
export async function deployVersion(deps: FlowDeps, req: DeployRequest): Promise<Deployment> {
  const { db, target, adapter, job } = deps;
  parseMemory(req.memory);
  const mv = await deps.models.get(req.model, req.version);
  if (mv.unsafe) throw new KilnError('MODEL_UNSAFE', `${req.model}@${req.version} is ${mv.format}: Kiln never loads formats that run code when opened`);
  if (!SERVABLE.has(mv.format))
    throw new KilnError(
      'DEPLOY_FAILED',
      `${req.model}@${req.version} is a ${mv.format} model: the serving image runs TensorFlow.js models (layers or graph) only`,
    );
  const prev = liveDeployment(db, req.model, target.name);
  let d = insertDeployment(db, {
    model: req.model,
    version: req.version,
    target: target.name,
    targetKind: target.kind,
    kind: 'deploy',
    service: serviceName(req.model, deps.workspaceRoot),
    replicas: req.replicas,
    port: req.port ?? null,
    gpus: req.gpus,
    memory: req.memory ?? null,
    cpus: req.cpus ?? null,
    previousId: prev?.id ?? null,
    rollbackOf: null,
    gateReport: mv.gateReport,
    image: null,
  });
  deps.changed(d);
  const timings: Deployment['timings'] = {};
  const tAll = performance.now();
  const patch = (p: DeploymentPatch) => {
    d = updateDeployment(db, d.id, p);
    deps.changed(d);
    return d;
  };
  const modelDir = mkdtempSync(join(tmpdir(), 'kiln-deploy-model-'));
  try {
    const spec0 = specOf(d, deps.workspaceRoot, '');
    job.progress({ phase: 'checking the target' });
    await adapter.preflight(spec0);
    if (target.registry) await probeRegistry(target.registry);
    job.throwIfCancelled();

    let t = performance.now();
    job.progress({ phase: 'build', message: `checking out ${req.model}@${req.version}` });
    await deps.models.checkout(req.model, req.version, modelDir);
    const docker = await deps.builder();
    const ref = imageRef(target.registry, req.model, req.version, mv.digest);
    const tag = await buildServingImage(docker, {
      servingDir: deps.servingDir(),
      modelDir,
      baseImage: target.baseImage,
      model: req.model,
      version: req.version,
      ref,
      labels: { 'kiln.deploy': '1', 'kiln.model': req.model, 'kiln.version': String(req.version) },
      signal: job.signal,
      onProgress: (m) => job.progress({ phase: 'build', message: m }),
    });
    timings.build = secs(t);
    job.throwIfCancelled();

    t = performance.now();
    let image = tag;
    if (target.registry) {
      job.progress({ phase: 'push', message: tag });
      image = await pushServingImage(docker, ref, job.signal, (done, total) => job.progress({ phase: 'push', bytesDone: done, bytesTotal: total }));
    }
    timings.push = secs(t);
    patch({ image, timings });
    job.throwIfCancelled();

    t = performance.now();
    const spec = { ...spec0, image };
    const outcome = await adapter.rollout(spec, job.signal, (m) => job.progress({ phase: 'rollout', message: m }));
    timings.rollout = secs(t);
    if (!outcome.ok) {
      if (outcome.rolledBack && prev) {
        job.progress({ phase: 'rollback', message: `waiting for ${prev.model}@${prev.version} to answer again` });
        await waitServing(deps, specOf(prev, deps.workspaceRoot, prev.image ?? ''), prev.version);
      }
      timings.total = secs(tAll);
      return patch({
        status: prev ? 'rolled-back' : 'failed',
        reason: prev ? outcome.reason : `${outcome.reason}; nothing to roll back to`,
        timings,
        ended: true,
      });
    }

    t = performance.now();
    job.progress({ phase: 'smoke test', message: 'comparing an inference with the in-app prediction' });
    const smoke = await runSmoke(deps, mv, spec, modelDir);
    timings.smoke = secs(t);
    if (!smoke.ok) {
      t = performance.now();
      const reason = `the smoke test failed (${smoke.message})`;
      if (prev?.image) {
        job.progress({ phase: 'rollback', message: `back to ${prev.model}@${prev.version}` });
        const back = await adapter.rollout(specOf(prev, deps.workspaceRoot, prev.image), job.signal, (m) => job.progress({ phase: 'rollback', message: m }));
        timings.rollback = secs(t);
        timings.total = secs(tAll);
        const how = back.ok ? `rolled back to ${prev.model}@${prev.version} (${prev.id})` : `rolling back to ${prev.id} failed too: ${back.reason}`;
        return patch({ status: 'rolled-back', reason: `${reason}; ${how}`, smoke, timings, ended: true });
      }
      await adapter.remove(spec.service);
      timings.total = secs(tAll);
      return patch({ status: 'failed', reason: `${reason}; the service was removed, nothing was serving before`, smoke, timings, ended: true });
    }
    timings.total = secs(tAll);
    if (prev) updateDeployment(db, prev.id, { status: 'superseded', ended: true });
    return patch({ status: 'live', url: adapter.url(spec), smoke, timings, reason: null, ended: true });
  } catch (e) {
    timings.total = secs(tAll);
    const msg = e instanceof Error ? e.message : String(e);
    patch({ status: 'failed', reason: prev ? `${msg}; ${prev.id} (${prev.model}@${prev.version}) keeps serving` : msg, timings, ended: true });
    throw e;
  } finally {
    rmSync(modelDir, { recursive: true, force: true });
  }
}

/** Until the service answers its metadata with `version` (a rolled-back task may still be starting), at most `ms`. */
async function waitServing(deps: FlowDeps, spec: RolloutSpec, version: number, ms = 60_000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const r = await deps.adapter.request(spec, `/v2/models/${spec.model}`).catch(() => null);
    if (r?.status === 200 && ((JSON.parse(r.text) as { versions?: string[] }).versions ?? []).includes(String(version))) return true;
    await new Promise((res) => setTimeout(res, 500));
  }
  return false;
}

async function runSmoke(deps: FlowDeps, mv: ModelVersion, spec: RolloutSpec, modelDir: string | null) {
  const { rows, shape } = smokeRows(mv);
  let expected = await deps.models.predict(spec.model, spec.version, rows);
  if (!expected) {
    let dir = modelDir;
    if (!dir) {
      dir = mkdtempSync(join(tmpdir(), 'kiln-deploy-model-'));
      await deps.models.checkout(spec.model, spec.version, dir);
    }
    try {
      expected = await predictLocally(dir, rows, shape);
    } finally {
      if (!modelDir) rmSync(dir, { recursive: true, force: true });
    }
  }
  return smokeTest({ request: (p, b) => deps.adapter.request(spec, p, b), model: spec.model, version: spec.version, rows, shape, expected });
}

/** Returns to the deployment live before `id`: its image again (no build, no push), then the same smoke test. */
export async function rollbackDeployment(deps: FlowDeps, id: string): Promise<Deployment> {
  const { db, adapter, job } = deps;
  const from = getDeployment(db, id);
  if (from.status !== 'live') {
    const live = liveDeployment(db, from.model, from.target);
    throw new KilnError(
      'CONFLICT',
      `deployment ${from.id} is ${from.status}, not live: ${live ? `roll back the live one, ${live.id} (${live.model}@${live.version})` : `nothing of ${from.model} is live on ${from.target}`}`,
    );
  }
  if (!from.previousId)
    throw new KilnError(
      'CONFLICT',
      `deployment ${from.id} is the first of ${from.model} on ${from.target}: there is nothing to roll back to (remove it with \`kiln deployments rm ${from.id}\`)`,
    );
  const to = getDeployment(db, from.previousId);
  if (!to.image) throw new KilnError('CONFLICT', `deployment ${to.id} has no image to return to`);
  const mv = await deps.models.get(to.model, to.version);
  let d = insertDeployment(db, {
    model: to.model,
    version: to.version,
    target: to.target,
    targetKind: to.targetKind,
    kind: 'rollback',
    service: from.service,
    replicas: to.replicas,
    port: to.port,
    gpus: to.gpus,
    memory: to.memory,
    cpus: to.cpus,
    previousId: from.id,
    rollbackOf: from.id,
    gateReport: mv.gateReport,
    image: to.image,
  });
  deps.changed(d);
  const set = (p: DeploymentPatch, status?: DeploymentStatus) => {
    d = updateDeployment(db, d.id, status ? { ...p, status } : p);
    deps.changed(d);
    return d;
  };
  const tAll = performance.now();
  const timings: Deployment['timings'] = {};
  try {
    const spec = specOf(d, deps.workspaceRoot, to.image);
    await adapter.preflight(spec);
    let t = performance.now();
    const outcome = await adapter.rollout(spec, job.signal, (m) => job.progress({ phase: 'rollout', message: m }));
    timings.rollout = secs(t);
    if (!outcome.ok) return set({ reason: `${outcome.reason}; ${from.id} keeps serving`, timings, ended: true }, 'failed');
    t = performance.now();
    const smoke = await runSmoke(deps, mv, spec, null);
    timings.smoke = secs(t);
    timings.total = secs(tAll);
    if (!smoke.ok) return set({ reason: `the smoke test of the rollback failed (${smoke.message})`, smoke, timings, ended: true }, 'failed');
    const fromNow = updateDeployment(db, from.id, { status: 'rolled-back', reason: `rolled back by hand to ${to.model}@${to.version} (${d.id})`, ended: true });
    deps.changed(fromNow);
    return set({ url: adapter.url(spec), smoke, timings, ended: true }, 'live');
  } catch (e) {
    set({ reason: e instanceof Error ? e.message : String(e), timings, ended: true }, 'failed');
    throw e;
  }
}
