// Seeds many versions of one model quickly: `npx tsx test/e2e/models-seed.ts WORKSPACE NAME COUNT`.
// The first version is a real TF.js layers model registered through core (artifact in the store,
// format detected, card generated); the others are rows copied from it with SQL in one transaction,
// as a long history would hold them, each with its own evaluation metrics so the table has values.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCoreWithContext } from '../helpers/core-with-context.js';
import { makeModel } from '../helpers/tfjs-models.js';

const [workspace, name = 'many', countArg] = process.argv.slice(2);
if (!workspace) throw new Error('usage: models-seed.ts WORKSPACE NAME COUNT');
const count = Number(countArg ?? 1000);
const dir = mkdtempSync(join(tmpdir(), 'kiln-models-seed-'));
const t0 = Date.now();
const core = await createCoreWithContext({ host: 'cli', workspace, kilnHome: process.env.KILN_HOME });
try {
  await makeModel(dir, 'good');
  const first = await core.invoke('models:register', { name, path: dir, message: 'seed 1' });
  const db = core.context.workspaces.get().db;
  const modelId = db.prepare('SELECT id FROM models WHERE name = ?').get<{ id: number }>(name)!.id;
  db.transaction(() => {
    const copy = db.prepare(
      `INSERT INTO model_versions (model_id, version, manifest, format, size_bytes, files, created_at, author, message, signature_json, unsafe, warnings_json, card, metrics_json, report_json)
       SELECT model_id, ?, manifest, format, size_bytes, files, ?, author, ?, signature_json, unsafe, warnings_json, card, metrics_json, ? FROM model_versions WHERE model_id = ? AND version = 1`,
    );
    for (let v = 2; v <= count; v++) {
      const acc = 0.5 + 0.49 * (v / count);
      const report = {
        ref: `${name}@${v}`,
        version: v,
        task: 'classification',
        backend: 'cpu',
        holdout: null,
        metrics: { accuracy: acc, f1: acc - 0.01, precision: acc, recall: acc - 0.02 },
        confusionMatrix: null,
        classes: null,
        latency: [],
        gates: [],
        passed: true,
        evaluatedAt: first.createdAt + v,
        durationMs: 1,
      };
      copy.run(v, first.createdAt + v * 1000, `seed ${v}`, JSON.stringify(report), modelId);
    }
  });
} finally {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify({ versions: count, ms: Date.now() - t0 }));
