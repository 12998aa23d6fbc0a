// A run with stored outputs, as a pipeline leaves one: `npx tsx test/e2e/run-outputs-seed.ts WORKSPACE`.
// It reads a dataset version (digits@1), writes model/ (a real TF.js model) and eval/ (JSON, CSV,
// a PNG), and its model output is registered as mnist@1. Prints the run id.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { createCoreWithContext } from '../helpers/core-with-context.js';
import { makeModel } from '../helpers/tfjs-models.js';
import { DatasetService } from '../../src/core/datasets/dataset-service.js';

/** An 8-bit greyscale PNG, w × h, a diagonal gradient. */
export function png(w: number, h: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 0;
  const raw = Buffer.alloc((w + 1) * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw[y * (w + 1) + 1 + x] = ((x + y) * 255) / (w + h);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const [workspace] = process.argv.slice(2);
if (!workspace) throw new Error('usage: run-outputs-seed.ts WORKSPACE');
const dir = mkdtempSync(join(tmpdir(), 'kiln-run-outputs-'));
const core = await createCoreWithContext({ host: 'cli', workspace, kilnHome: process.env.KILN_HOME });
try {
  mkdirSync(join(dir, 'digits'));
  writeFileSync(join(dir, 'digits', 'labels.csv'), 'id,label\n1,3\n2,7\n');
  const ds = await core.invoke('datasets:add', { dataset: 'digits', source: { kind: 'paths', paths: [join(dir, 'digits')] }, message: 'seed' });
  writeFileSync(join(dir, 'metrics.jsonl'), '{"metric":"accuracy","step":0,"value":0.9}\n');
  const run = await core.invoke('runs:import', { path: join(dir, 'metrics.jsonl'), name: 'outputs' });
  const data = new DatasetService(core.context.workspaces.get());
  await makeModel(join(dir, 'model'), 'hidden');
  mkdirSync(join(dir, 'eval'));
  writeFileSync(join(dir, 'eval', 'report.json'), JSON.stringify({ accuracy: 0.9, classes: 10 }));
  writeFileSync(join(dir, 'eval', 'per-class.csv'), 'class,precision,recall\n0,0.95,0.93\n1,0.97,0.99\n');
  writeFileSync(join(dir, 'eval', 'confusion.png'), png(40, 30));
  const db = core.context.workspaces.get().db;
  for (const [stage, out] of [
    ['train', 'model'],
    ['evaluate', 'eval'],
  ] as const) {
    const t = await data.storeTree([join(dir, out)]);
    db.prepare('INSERT INTO run_outputs (run_id, stage, path, digest, tree) VALUES (?, ?, ?, ?, ?)').run(run.runId, stage, out, t.digest, t.digest);
  }
  db.prepare("INSERT INTO run_datasets (run_id, stage, role, name, dataset, version, digest) VALUES (?, 'prepare', 'input', 'digits', 'digits', ?, ?)").run(
    run.runId,
    ds.version.version,
    ds.version.digest,
  );
  await core.invoke('models:register', { name: 'mnist', fromRun: run.runId, output: 'model', message: 'from the run' });
  console.log(run.runId);
} finally {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
}
