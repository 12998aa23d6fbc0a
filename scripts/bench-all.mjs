// `npm run bench`: every benchmark in turn (each prints its figures and ratios against the peer
// tools it measures in the same run, and rewrites its section of docs/benchmarks.md).
import { spawnSync } from 'node:child_process';

const only = process.argv.slice(2);
const names = ['data', 'pipeline', 'metrics', 'deploy'].filter((n) => only.length === 0 || only.includes(n));
const build = spawnSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
let failed = 0;
for (const n of names) {
  console.log(`\n=== bench:${n}`);
  const r = spawnSync('npm', ['run', '-s', `bench:${n}`], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
