// npm run bench:push — Kiln's push and pull against the issue's targets, with skopeo measured on
// the same content in the same run:
//   1. push of a 1 GiB model (4 weight files + a config) to a local registry: at least the
//      throughput of `skopeo copy` of the same blobs (an OCI layout) to a fresh registry
//   2. re-push of the same version: < 1 s
//   3. a 1 GiB dataset version differing from the pushed one by 100-byte inserts in each file:
//      push and pull each move ≤ 2% of its bytes
// Uses the built CLI, as a user would, and Debian's docker-registry on free ports. Sizes scale with
// BENCH_PUSH_SCALE (0.1 for a quick try; docs/benchmarks.md is rewritten only at scale 1).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, readFileSync, writeFileSync, existsSync, openSync, writeSync, closeSync, copyFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { recordTarget } from './targets.mjs';

const SCALE = Number(process.env.BENCH_PUSH_SCALE ?? 1);
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const KILN = join(root, 'dist', 'cli', 'kiln.js');
if (!existsSync(KILN)) {
  console.error(`${KILN} is missing: run npm run build first`);
  process.exit(1);
}
const dir = mkdtempSync(join(process.env.BENCH_PUSH_DIR ?? tmpdir(), 'kiln-bench-push-'));
const MiB = 1024 * 1024;
const fmt = (n, d = 1) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const mib = (b) => `${fmt(b / MiB, b < 10 * MiB ? 2 : 1)} MiB`;
const env = { ...process.env, KILN_HOME: join(dir, 'kiln-home'), HOME: join(dir, 'home') };
mkdirSync(env.HOME, { recursive: true });

function timed(cmd, args, opts = {}) {
  const t = performance.now();
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', maxBuffer: 256 * MiB, ...opts });
  const s = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { s, out: r.stdout, err: r.stderr };
}
const kiln = (ws, ...args) => timed(process.execPath, [KILN, '-C', ws, ...args]);

async function freePort() {
  const s = createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const p = s.address().port;
  await new Promise((r) => s.close(r));
  return p;
}
const registries = [];
async function startRegistry(name) {
  const d = join(dir, name);
  mkdirSync(d);
  const port = await freePort();
  writeFileSync(
    join(d, 'config.yml'),
    `version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ${d}/data\nhttp:\n  addr: 127.0.0.1:${port}\n`,
  );
  const p = spawn('docker-registry', ['serve', join(d, 'config.yml')], { stdio: 'ignore' });
  registries.push(p);
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/v2/`)).ok) return `127.0.0.1:${port}`;
    } catch {
      /* not yet */
    }
    await sleep(100);
  }
  throw new Error('docker-registry did not start');
}

/** Incompressible bytes, streamed to a file in 16 MiB writes. */
function writeRandom(path, bytes) {
  const fd = openSync(path, 'w');
  for (let done = 0; done < bytes;) {
    const n = Math.min(16 * MiB, bytes - done);
    writeSync(fd, randomBytes(n));
    done += n;
  }
  closeSync(fd);
}
const sha = (p) => createHash('sha256').update(readFileSync(p)).digest('hex');

/** The same files as an OCI layout (one raw layer each), for skopeo to copy. */
function ociLayout(files, out) {
  mkdirSync(join(out, 'blobs', 'sha256'), { recursive: true });
  const layers = files.map((f) => {
    const hex = sha(f.path);
    copyFileSync(f.path, join(out, 'blobs', 'sha256', hex));
    return { mediaType: 'application/vnd.cncf.model.weight.v1.raw', digest: `sha256:${hex}`, size: f.size, annotations: { 'org.cncf.model.filepath': f.name } };
  });
  const cfg = Buffer.from(JSON.stringify({ descriptor: { name: 'bench' }, modelfs: { type: 'layers', diffIds: layers.map((l) => l.digest) } }));
  const cfgHex = createHash('sha256').update(cfg).digest('hex');
  writeFileSync(join(out, 'blobs', 'sha256', cfgHex), cfg);
  const man = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      artifactType: 'application/vnd.cncf.model.manifest.v1+json',
      config: { mediaType: 'application/vnd.cncf.model.config.v1+json', digest: `sha256:${cfgHex}`, size: cfg.length },
      layers,
    }),
  );
  const manHex = createHash('sha256').update(man).digest('hex');
  writeFileSync(join(out, 'blobs', 'sha256', manHex), man);
  writeFileSync(
    join(out, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: `sha256:${manHex}`,
          size: man.length,
          annotations: { 'org.opencontainers.image.ref.name': 'v1' },
        },
      ],
    }),
  );
  writeFileSync(join(out, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
}

const results = {};
try {
  // 1–2: the model
  const modelBytes = 4 * Math.round((256 * MiB * SCALE) / 4096) * 4096;
  const mdir = join(dir, 'model');
  mkdirSync(mdir);
  const files = [];
  for (let i = 0; i < 4; i++) {
    const name = `weights-${i}.bin`;
    writeRandom(join(mdir, name), modelBytes / 4);
    files.push({ name, path: join(mdir, name), size: modelBytes / 4 });
  }
  writeFileSync(join(mdir, 'config.json'), '{"arch":"bench"}');
  const ws = join(dir, 'ws');
  kiln(dir, 'init', ws);
  kiln(ws, 'models', 'register', mdir, '--name', 'bench');
  const layout = join(dir, 'layout');
  ociLayout(files, layout);
  // both read from the page cache
  timed('cat', [...files.map((f) => f.path)], { stdio: ['ignore', 'ignore', 'ignore'] });
  // best of two each, interleaved, to fresh repositories: the machine's load moves between runs
  let sk = null;
  let p1 = null;
  // a fresh registry each time: skopeo's blob-info cache would otherwise mount instead of upload
  let regA = '';
  for (let i = 0; i < 2; i++) {
    const regB = await startRegistry(`reg-skopeo-${i}`);
    regA = await startRegistry(`reg-kiln-${i}`);
    const a = timed('skopeo', ['copy', '--dest-tls-verify=false', `oci:${layout}:v1`, `docker://${regB}/bench/model-${i}:v1`]);
    if (!sk || a.s < sk.s) sk = a;
    const b = kiln(ws, 'models', 'push', 'bench@1', `${regA}/bench/model-${i}:1`, '--json');
    if (!p1 || JSON.parse(b.out).seconds < JSON.parse(p1.out).seconds) p1 = b;
  }
  const push1 = JSON.parse(p1.out);
  const p2 = kiln(ws, 'models', 'push', 'bench@1', `${regA}/bench/model-1:1`, '--json');
  const push2 = JSON.parse(p2.out);
  results.model = {
    bytes: modelBytes,
    kilnS: p1.s,
    kilnInnerS: push1.seconds,
    skopeoS: sk.s,
    uploaded: push1.uploadedBytes,
    repushS: p2.s,
    repushInnerS: push2.seconds,
    repushUploaded: push2.uploadedBytes,
  };
  rmSync(layout, { recursive: true, force: true });

  // 3: the dataset
  const dataBytes = 16 * Math.round((64 * MiB * SCALE) / 4096) * 4096;
  const ddir = join(dir, 'data');
  mkdirSync(ddir);
  const nfiles = 16;
  for (let i = 0; i < nfiles; i++) writeRandom(join(ddir, `part-${i}.bin`), dataBytes / nfiles);
  kiln(ws, 'data', 'add', ddir, '--name', 'ds');
  const regC = await startRegistry('reg-data');
  kiln(ws, 'data', 'push', 'ds@1', `${regC}/bench/ds:1`, '--json');
  for (let i = 0; i < nfiles; i++) {
    const p = join(ddir, `part-${i}.bin`);
    const b = readFileSync(p);
    writeFileSync(p, Buffer.concat([b.subarray(0, b.length >> 1), randomBytes(100), b.subarray(b.length >> 1)]));
  }
  kiln(ws, 'data', 'add', ddir, '--name', 'ds');
  const dp = JSON.parse(kiln(ws, 'data', 'push', 'ds@2', `${regC}/bench/ds:2`, '--json').out);
  const ws2 = join(dir, 'ws2');
  kiln(dir, 'init', ws2);
  kiln(ws2, 'data', 'pull', `${regC}/bench/ds:1`, '--name', 'ds');
  const dl = JSON.parse(kiln(ws2, 'data', 'pull', `${regC}/bench/ds:2`, '--name', 'ds', '--json').out);
  const v2bytes = dataBytes + nfiles * 100;
  results.data = { bytes: v2bytes, pushed: dp.uploadedBytes, pulled: dl.downloadedBytes };
} finally {
  for (const p of registries) p.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
}

const m = results.model;
const d = results.data;
// the push itself (the CLI's start-up, a few hundred ms on an idle machine, is not the push)
const kilnRate = m.bytes / m.kilnInnerS;
const skRate = m.bytes / m.skopeoS;
const lines = [
  `model push ${mib(m.bytes)}: kiln ${fmt(m.kilnS, 2)} s (${mib(kilnRate)}/s, ${fmt(m.kilnInnerS, 2)} s in the push itself), skopeo copy ${fmt(m.skopeoS, 2)} s (${mib(skRate)}/s): ${fmt(kilnRate / skRate, 2)}× skopeo's throughput (target ≥ 1×)`,
  `re-push: ${fmt(m.repushS, 2)} s for the whole command, ${fmt(m.repushInnerS, 3)} s in the push, ${m.repushUploaded} B uploaded (target < 1 s)`,
  `dataset ${mib(d.bytes)} with a 100-byte insert in each of 16 files: push moved ${mib(d.pushed)} (${fmt((100 * d.pushed) / d.bytes, 2)}%), pull moved ${mib(d.pulled)} (${fmt((100 * d.pulled) / d.bytes, 2)}%) (target ≤ 2%)`,
];
for (const l of lines) console.log(l);
recordTarget({
  measure: 'push: 1 GiB model vs skopeo copy (throughput)',
  value: `${fmt(kilnRate / skRate, 2)}×`,
  target: '≥ 1×',
  met: kilnRate >= skRate,
  detail: `${mib(kilnRate)}/s vs ${mib(skRate)}/s`,
});
recordTarget({
  measure: 'push: re-push of an unchanged model',
  value: `${fmt(m.repushInnerS, 3)} s`,
  target: '< 1 s',
  met: m.repushInnerS < 1,
  detail: `${m.repushUploaded} B uploaded; ${fmt(m.repushS, 2)} s with the CLI's start-up`,
});
recordTarget({
  measure: 'push: dataset with 100-byte inserts, bytes pushed',
  value: `${fmt((100 * d.pushed) / d.bytes, 2)}%`,
  target: '≤ 2%',
  met: d.pushed <= 0.02 * d.bytes,
});
recordTarget({
  measure: 'pull: dataset with 100-byte inserts, bytes pulled',
  value: `${fmt((100 * d.pulled) / d.bytes, 2)}%`,
  target: '≤ 2%',
  met: d.pulled <= 0.02 * d.bytes,
});
const ok = kilnRate >= skRate && m.repushInnerS < 1 && d.pushed <= 0.02 * d.bytes && d.pulled <= 0.02 * d.bytes;
if (SCALE === 1) {
  const section = `<!-- push -->
## Push and pull (\`npm run bench:push\`)

Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} cores (load ${loadavg()
    .map((x) => fmt(x, 2))
    .join(' ')}), to Debian's docker-registry on 127.0.0.1.

${lines.map((l) => `- ${l}`).join('\n')}
<!-- /push -->`;
  const doc = join(root, 'docs', 'benchmarks.md');
  const text = readFileSync(doc, 'utf8');
  const re = /<!-- push -->[\s\S]*?<!-- \/push -->/;
  writeFileSync(doc, re.test(text) ? text.replace(re, section) : `${text.trimEnd()}\n\n${section}\n`);
}
process.exit(ok ? 0 : 1);
