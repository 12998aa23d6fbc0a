// npm run bench:deploy — deploy figures on the engine's real Docker Swarm, with a real registry:
//  1. deploy of a new version of a small model, image layers cached, to live: target < 20 s, with its
//     parts (build, push, roll-out, smoke test);
//  2. automatic rollback of a rollout that cannot become healthy (8 MiB memory limit): target < 45 s;
//  3. inference p95 of the served model (OIP v2 over HTTP) against the in-app `models:predict` of the same batch.
// Writes its section of docs/benchmarks.md between <!-- deploy --> markers.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { createCore } from '../src/core/index.ts';
import { makeModel } from '../test/helpers/tfjs-models.ts';
import { nodeImage } from '../test/helpers/test-images.ts';
import { freePort, startRegistry } from '../test/helpers/throwaway-registry.ts';
import { buildServingForTests } from '../test/helpers/serving-bundle.ts';
import { ensureSwarm, removeServicesOf } from '../test/helpers/swarm.ts';

const p95 = (a) => [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(a.length * 0.95))];
const docker = new Docker();
await ensureSwarm(docker);
const dir = mkdtempSync(join(tmpdir(), 'kiln-bench-deploy-'));
const ws = join(dir, 'ws');
const reg = await startRegistry();
const core = await createCore({ host: 'cli', env: { ...process.env, KILN_SERVING_DIR: await buildServingForTests() }, kilnHome: join(dir, 'home') });
const out = {};
try {
  await core.invoke('workspaces:create', { path: ws });
  for (const k of ['good', 'good', 'bad']) await core.invoke('models:register', { name: 'digits', path: await makeModel(join(dir, `m-${Math.random()}`), k) });
  await core.invoke('targets:add', { name: 'local', kind: 'swarm', registry: `${reg.host}/kiln`, baseImage: await nodeImage(), publishMode: 'host' });
  const port = await freePort();
  const deploy = async (version, extra = {}) => {
    const t0 = performance.now();
    const d = await core.invoke('deployments:create', { model: 'digits', version, target: 'local', port, ...extra });
    return { d, s: (performance.now() - t0) / 1000 };
  };
  // warm-up: the base image's layers reach the registry once
  const first = await deploy(1);
  if (first.d.status !== 'live') throw new Error(`first deploy: ${first.d.status}: ${first.d.reason}`);
  const second = await deploy(2);
  if (second.d.status !== 'live') throw new Error(`second deploy: ${second.d.status}: ${second.d.reason}`);
  out.deploy = { seconds: second.s, parts: second.d.timings };
  const bad = await deploy(3, { memory: '8m' });
  if (bad.d.status !== 'rolled-back') throw new Error(`the 8 MiB rollout ended ${bad.d.status}: ${bad.d.reason}`);
  out.rollback = { seconds: bad.s, reason: bad.d.reason };

  const rows = Array.from({ length: 32 }, (_, i) => [(i % 7) / 7, (i % 5) / 5]);
  const body = JSON.stringify({ inputs: [{ name: 'input', shape: [32, 2], datatype: 'FP32', data: rows.flat() }] });
  const served = [];
  const inApp = [];
  for (let i = 0; i < 220; i++) {
    let t = performance.now();
    const r = await fetch(`http://127.0.0.1:${port}/v2/models/digits/infer`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await r.arrayBuffer();
    if (i >= 20) served.push(performance.now() - t);
    t = performance.now();
    await core.invoke('models:predict', { ref: 'digits@2', inputs: rows });
    if (i >= 20) inApp.push(performance.now() - t);
  }
  out.inference = { servedP95: p95(served), inAppP95: p95(inApp) };
} finally {
  await removeServicesOf(docker, ws);
  await core.close();
  reg.stop();
  rmSync(dir, { recursive: true, force: true });
}

const f = (n) => n.toFixed(1);
const parts = out.deploy.parts;
const lines = [
  `deploy new version to live: ${f(out.deploy.seconds)} s (target < 20 s) — build ${parts.build} s, push ${parts.push} s, roll-out ${parts.rollout} s, smoke ${parts.smoke} s`,
  `automatic rollback of an unhealthy rollout: ${f(out.rollback.seconds)} s (target < 45 s)`,
  `inference p95, batch of 32: served ${f(out.inference.servedP95)} ms vs in-app predict ${f(out.inference.inAppP95)} ms (${f(out.inference.servedP95 / out.inference.inAppP95)}×)`,
];
for (const l of lines) console.log(l);
const section = `<!-- deploy -->
## Deploy (Docker Swarm, host-mode port, local registry)

Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} cores (load ${loadavg()[0].toFixed(1)}), \`npm run bench:deploy\`:

${lines.map((l) => `- ${l}`).join('\n')}
<!-- /deploy -->`;
const doc = 'docs/benchmarks.md';
const cur = existsSync(doc) ? readFileSync(doc, 'utf8') : '# Benchmarks\n';
writeFileSync(
  doc,
  /<!-- deploy -->[\s\S]*<!-- \/deploy -->/.test(cur) ? cur.replace(/<!-- deploy -->[\s\S]*<!-- \/deploy -->/, section) : `${cur.trimEnd()}\n\n${section}\n`,
);
if (out.deploy.seconds >= 20 || out.rollback.seconds >= 45) process.exitCode = 1;
