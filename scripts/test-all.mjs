// `npm test`: build, then every suite — unit, integration (real Docker, SQLite, files), the
// Electron database layer under Node 22, and Playwright e2e in Chromium — and one closing line
// totalling them all: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = [];
const out = 'test-results';
mkdirSync(out, { recursive: true });
const only = process.argv.slice(2); // e.g. `npm test -- unit e2e`
const want = (name) => only.length === 0 || only.includes(name);

function run(cmd, args, env = {}) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  return spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } }).status ?? 1;
}

function vitest(project) {
  const file = `${out}/vitest-${project}.json`;
  rmSync(file, { force: true });
  const code = run('npx', ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`]);
  if (!existsSync(file)) return results.push({ suite: project, passed: 0, failed: 1, skipped: 0, note: `vitest exited ${code} without a report` });
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const failed = r.numFailedTests + (r.numFailedTestSuites && !r.numFailedTests ? r.numFailedTestSuites : 0);
  results.push({ suite: project, passed: r.numPassedTests, failed, skipped: r.numPendingTests + r.numTodoTests });
}

function node22() {
  const p = spawnSync('node', ['scripts/test-node22.mjs'], { encoding: 'utf8' });
  process.stdout.write(p.stdout);
  process.stderr.write(p.stderr);
  const n = (k) => Number((new RegExp(`^# ${k} (\\d+)`, 'm').exec(p.stdout) ?? [])[1] ?? 0);
  const failed = n('fail') + (p.status !== 0 && n('fail') === 0 ? 1 : 0);
  results.push({ suite: 'node22-db', passed: n('pass'), failed, skipped: n('skipped') });
}

function playwright() {
  const file = `${out}/e2e-report.json`;
  rmSync(file, { force: true });
  const code = run('npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: file });
  if (!existsSync(file)) return results.push({ suite: 'e2e', passed: 0, failed: 1, skipped: 0, note: `playwright exited ${code} without a report` });
  const s = JSON.parse(readFileSync(file, 'utf8')).stats;
  results.push({ suite: 'e2e', passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped });
}

if (!process.env.KILN_SKIP_BUILD && run('npm', ['run', '-s', 'build']) !== 0) {
  console.log('\nbuild failed\n0 passed, 1 failed');
  process.exit(1);
}
if (want('unit')) vitest('unit');
if (want('integration')) vitest('integration');
if (want('node22')) node22();
if (want('e2e')) playwright();

console.log('\nsuite        passed  failed  skipped');
for (const r of results)
  console.log(
    `${r.suite.padEnd(12)} ${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}  ${String(r.skipped).padStart(7)}${r.note ? `  (${r.note})` : ''}`,
  );
const sum = (k) => results.reduce((a, r) => a + r[k], 0);
const skipped = sum('skipped');
console.log(`${sum('passed')} passed, ${sum('failed')} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(sum('failed') > 0 ? 1 : 0);
