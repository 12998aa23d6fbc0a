// `npm run bench`: every benchmark in turn (each prints its figures and ratios against the peer
// tools it measures in the same run, and rewrites its section of docs/benchmarks.md), then the
// issue's target rows together, each with its target and met/missed (bench/targets.mjs).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTargets } from '../bench/targets.mjs';

const only = process.argv.slice(2);
const names = ['data', 'pipeline', 'metrics', 'models', 'push', 'deploy'].filter((n) => only.length === 0 || only.includes(n));
const build = spawnSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const dir = mkdtempSync(join(tmpdir(), 'kiln-bench-targets-'));
const targets = join(dir, 'targets.jsonl');
let failed = 0;
for (const n of names) {
  console.log(`\n=== bench:${n}`);
  const r = spawnSync('npm', ['run', '-s', `bench:${n}`], { stdio: 'inherit', env: { ...process.env, KILN_BENCH_TARGETS: targets } });
  if (r.status !== 0) failed++;
}
const rows = readTargets(targets);
rmSync(dir, { recursive: true, force: true });
if (rows.length) {
  console.log('\n=== targets');
  const w = Math.max(...rows.map((r) => r.measure.length));
  for (const r of rows)
    console.log(`${r.met ? 'met    ' : 'MISSED '} ${r.measure.padEnd(w)}  ${r.value}  (target ${r.target})${r.detail ? `  ${r.detail}` : ''}`);
}
process.exit(failed ? 1 : 0);
