import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServingServer, type ServingServer } from '../../../resources/serving/src/server.js';
import { loadModel } from '../../../resources/serving/src/load-model.js';
import { makeModel } from '../../helpers/tfjs-models.js';

/** The serving server in-process, on a real port, with a real TF.js model. */
describe('serving server (OIP v2 + /metrics)', () => {
  let s: ServingServer;
  let base: string;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-serving-'));
    s = createServingServer({ name: 'digits', version: '7', model: loadModel(await makeModel(join(dir, 'm'), 'good')) });
    await new Promise<void>((r) => s.server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(s.server.address() as { port: number }).port}`;
    for (let i = 0; i < 50 && (await fetch(`${base}/v2/health/ready`)).status !== 200; i++) await new Promise((r) => setTimeout(r, 100));
  });
  afterAll(() => {
    s.server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const infer = (body: unknown) =>
    fetch(`${base}/v2/models/digits/infer`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('health and metadata list the served version', async () => {
    expect((await fetch(`${base}/v2/health/live`)).status).toBe(200);
    expect((await fetch(`${base}/v2/health/ready`)).status).toBe(200);
    const meta = (await (await fetch(`${base}/v2/models/digits`)).json()) as { versions: string[]; inputs: { shape: number[] }[] };
    expect(meta.versions).toEqual(['7']);
    expect(meta.inputs[0]!.shape).toEqual([-1, 2]);
    expect((await fetch(`${base}/v2/models/other`)).status).toBe(404);
  });

  it('answers FP32 tensors: class 1 when x0 > x1', async () => {
    const r = await infer({ id: 'q', inputs: [{ name: 'input', shape: [2, 2], datatype: 'FP32', data: [0.9, 0.1, 0.1, 0.9] }] });
    expect(r.status).toBe(200);
    const o = (await r.json()) as { id: string; model_version: string; outputs: { shape: number[]; datatype: string; data: number[] }[] };
    expect(o.id).toBe('q');
    expect(o.model_version).toBe('7');
    expect(o.outputs[0]!.shape).toEqual([2, 2]);
    expect(o.outputs[0]!.datatype).toBe('FP32');
    const d = o.outputs[0]!.data;
    expect(d[1]! > d[0]!).toBe(true);
    expect(d[2]! > d[3]!).toBe(true);
  });

  it('bad requests get 400 with the reason and count as errors in /metrics', async () => {
    const r = await infer({ inputs: [{ name: 'input', shape: [1, 3], datatype: 'FP32', data: [1, 2, 3] }] });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: string }).error).toMatch(/takes \[-1,2\]/);
    expect((await fetch(`${base}/v2/models/digits/infer`, { method: 'POST', body: '{nope' })).status).toBe(400);
    const m = await (await fetch(`${base}/metrics`)).text();
    expect(m).toMatch(/kiln_inference_requests_total\{model="digits",version="7",code="200"\} 1/);
    expect(m).toMatch(/kiln_inference_requests_total\{model="digits",version="7",code="400"\} 2/);
    expect(m).toMatch(/kiln_inference_errors_total\{model="digits",version="7"\} 2/);
    expect(m).toMatch(/kiln_inference_duration_seconds_count\{model="digits",version="7"\} 3/);
  });

  it('draining answers ready=503 while still serving inference', async () => {
    s.drain();
    expect((await fetch(`${base}/v2/health/ready`)).status).toBe(503);
    expect((await infer({ inputs: [{ name: 'input', shape: [1, 2], datatype: 'FP32', data: [0.2, 0.1] }] })).status).toBe(200);
  });
});
