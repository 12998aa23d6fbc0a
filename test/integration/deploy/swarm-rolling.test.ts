import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/core/index.js';
import { SERVING_NETWORK } from '../../../src/core/deploy/swarm/swarm-spec.js';
import { makeModel } from '../../helpers/tfjs-models.js';
import { nodeImage } from '../../helpers/test-images.js';
import { startRegistry } from '../../helpers/throwaway-registry.js';
import { buildServingForTests } from '../../helpers/serving-bundle.js';
import { ensureSwarm, removeServicesOf } from '../../helpers/swarm.js';

/**
 * A client inside the overlay network (the ingress mesh does not work on these machines): one new
 * connection and DNS lookup per request, so it spreads over the replicas like any dnsrr client.
 * On SIGTERM it prints {ok, failed, versions, errors} and exits.
 */
const CLIENT = `
const http = require('http');
const [host] = process.argv.slice(1);
const s = { ok: 0, failed: 0, versions: {}, errors: [] };
let stop = false;
process.on('SIGTERM', () => { stop = true; });
const body = JSON.stringify({ inputs: [{ name: 'input', shape: [1, 2], datatype: 'FP32', data: [0.7, 0.2] }] });
function one() {
  return new Promise((res) => {
    const req = http.request({ host, port: 8080, path: '/v2/models/digits/infer', method: 'POST', agent: false, headers: { 'content-type': 'application/json' }, timeout: 5000 }, (r) => {
      let t = '';
      r.on('data', (c) => (t += c));
      r.on('end', () => {
        if (r.statusCode === 200) { s.ok++; const v = JSON.parse(t).model_version; s.versions[v] = (s.versions[v] || 0) + 1; }
        else { s.failed++; s.errors.push(r.statusCode + ' ' + t.slice(0, 100)); }
        res();
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => { s.failed++; s.errors.push(e.message); res(); });
    req.end(body);
  });
}
(async () => {
  while (!stop) { await one(); await new Promise((r) => setTimeout(r, 20)); }
  console.log(JSON.stringify(s));
  process.exit(0);
})();`;

describe('rolling update on Swarm with 2 replicas', () => {
  const docker = new Docker();
  let core: Core;
  let ws: string;
  let reg: { host: string; stop: () => void };

  beforeAll(async () => {
    await ensureSwarm(docker);
    ws = mkdtempSync(join(tmpdir(), 'kiln-rolling-ws-'));
    const models = mkdtempSync(join(tmpdir(), 'kiln-rolling-models-'));
    core = await createCore({
      host: 'cli',
      env: { ...process.env, KILN_SERVING_DIR: await buildServingForTests() },
      kilnHome: mkdtempSync(join(tmpdir(), 'kiln-home-')),
    });
    await core.invoke('workspaces:create', { path: ws });
    for (const i of [1, 2]) await core.invoke('models:register', { name: 'digits', path: await makeModel(join(models, `v${i}`), 'good') });
    reg = await startRegistry();
    await core.invoke('targets:add', { name: 'overlay', kind: 'swarm', registry: `${reg.host}/kiln`, baseImage: await nodeImage(), publishMode: 'host' });
  });
  afterAll(async () => {
    await removeServicesOf(docker, ws);
    await core?.close();
    reg?.stop();
    rmSync(ws, { recursive: true, force: true });
  });

  it('continuous requests through a good rolling update from v1 to v2 see no failed request', async () => {
    const d1 = await core.invoke('deployments:create', { model: 'digits', version: 1, target: 'overlay', replicas: 2 });
    expect(d1.status, d1.reason ?? '').toBe('live');
    console.log('v1 timings', d1.timings);
    // unpublished: its URL is the service name inside the overlay network, and the smoke test ran from there
    expect(d1.url).toBe(`http://${d1.service}:8080`);
    expect(d1.smoke?.ok).toBe(true);
    const client = await docker.createContainer({
      Image: await nodeImage(),
      Cmd: ['node', '-e', CLIENT, d1.service],
      HostConfig: { NetworkMode: SERVING_NETWORK },
      Labels: { 'kiln.test': 'rolling-client' },
    });
    try {
      await client.start();
      await new Promise((r) => setTimeout(r, 3000));
      const d2 = await core.invoke('deployments:create', { model: 'digits', version: 2, target: 'overlay', replicas: 2 });
      expect(d2.status, d2.reason ?? '').toBe('live');
      console.log('v2 timings', d2.timings);
      expect((await core.invoke('deployments:stats', { id: d2.id })).replicas.filter((r) => r.healthy)).toHaveLength(2);
      await new Promise((r) => setTimeout(r, 3000));
      await client.kill({ signal: 'SIGTERM' });
      await client.wait();
      const logs = (await client.logs({ stdout: true, stderr: true })).toString('utf8');
      const s = JSON.parse(logs.slice(logs.indexOf('{'))) as { ok: number; failed: number; versions: Record<string, number>; errors: string[] };
      expect(s.errors).toEqual([]);
      expect(s.failed).toBe(0);
      expect(s.ok).toBeGreaterThan(20);
      expect(Object.keys(s.versions).sort()).toEqual(['1', '2']);
    } finally {
      await client.remove({ force: true }).catch(() => undefined);
    }
  }, 360_000);
});
