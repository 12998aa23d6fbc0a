// Seeds many runs into a workspace quickly, through core: `npx tsx test/e2e/runs-seed.ts WORKSPACE COUNT`.
// Run rows go in with SQL in one transaction (as the pipelines runner writes them); their metric
// points go through core's real metrics sink, so summaries are computed by the code under test.
import { randomBytes } from 'node:crypto';
import { createCoreWithContext as createCore } from '../helpers/core-with-context.js';
import { MetricsWriter } from '../../src/core/metrics/metrics-writer.js';

const [workspace, countArg] = process.argv.slice(2);
if (!workspace) throw new Error('usage: runs-seed.ts WORKSPACE COUNT');
const count = Number(countArg ?? 10_000);
const kilnHome = process.env.KILN_HOME;
const core = await createCore({ host: 'cli', workspace, kilnHome });
const ws = core.context.workspaces.get();
const db = ws.db;
const t0 = Date.now();
const lrs = [0.1, 0.01, 0.001, 0.0001];
const ids: string[] = [];
db.transaction(() => {
  const first = db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM runs').get<{ n: number }>()!.n;
  const ins = db.prepare(
    `INSERT INTO runs (id, seq, kind, name, status, params_json, tags_json, created_at, started_at, ended_at) VALUES (?, ?, 'import', ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (let i = 0; i < count; i++) {
    const id = `seed-${i.toString().padStart(5, '0')}-${randomBytes(2).toString('hex')}`;
    const start = t0 - (count - i) * 60_000;
    const params = { lr: lrs[i % lrs.length], batch: 32 << (i % 3), optimizer: i % 2 ? 'adam' : 'sgd' };
    ins.run(
      id,
      first + i,
      `sweep-${i}`,
      i % 97 === 0 ? 'failed' : 'done',
      JSON.stringify(params),
      JSON.stringify(i % 10 === 0 ? ['best'] : []),
      start,
      start,
      start + 30_000 + (i % 50) * 1000,
    );
    ids.push(id);
  }
});
const sink = new MetricsWriter(db);
// the sink opens a series row per metric on first write: one transaction for all of them
db.transaction(() =>
  ids.forEach((id, i) => {
    // deterministic: accuracy rises with i, loss falls; a few points each
    const acc = 0.5 + 0.49 * (i / count);
    sink.write(id, 'train', [
      { metric: 'accuracy', step: 1, value: acc - 0.1, ts: t0 },
      { metric: 'accuracy', step: 2, value: acc, ts: t0 + 1 },
      { metric: 'loss', step: 1, value: 2 - acc, ts: t0 },
      { metric: 'loss', step: 2, value: 1 - acc, ts: t0 + 1 },
    ]);
  }),
);
sink.flush();
await core.close();
console.log(JSON.stringify({ runs: count, ms: Date.now() - t0 }));
