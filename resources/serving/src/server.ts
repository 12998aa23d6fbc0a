import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import * as tf from '@tensorflow/tfjs';
import type { ServedModel } from './load-model.js';
import { ServingMetrics } from './metrics.js';
import { OipError, checkShape, parseInferRequest, type InferOutput } from './oip.js';

export interface ServingOptions {
  /** the model name in URLs (`/v2/models/{name}`) */
  name: string;
  /** the Kiln model version served, listed in the metadata's `versions` */
  version: string;
  /** loaded later: until then `/v2/health/ready` answers 503 */
  model: Promise<ServedModel>;
  /** largest request body accepted, in bytes */
  maxBodyBytes?: number;
}

export interface ServingServer {
  server: Server;
  metrics: ServingMetrics;
  /** stop answering ready (draining) while still serving requests in flight */
  drain(): void;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
};

/** An Open Inference Protocol v2 server for one model, plus Prometheus `/metrics`. */
export function createServingServer(opts: ServingOptions): ServingServer {
  const metrics = new ServingMetrics(opts.name, opts.version);
  let model: ServedModel | null = null;
  let loadError: string | null = null;
  let draining = false;
  opts.model.then(
    (m) => {
      model = m;
    },
    (e: unknown) => {
      loadError = e instanceof Error ? e.message : String(e);
    },
  );
  const maxBody = opts.maxBodyBytes ?? 64 * 1024 * 1024;
  const base = `/v2/models/${opts.name}`;

  const metadata = (m: ServedModel) => ({
    name: opts.name,
    versions: [opts.version],
    platform: 'tensorflowjs',
    inputs: m.inputs.map((t) => ({ name: t.name, datatype: 'FP32', shape: t.shape.map((d) => (d === null ? -1 : d)) })),
    outputs: m.outputs.map((t) => ({ name: t.name, datatype: 'FP32', shape: t.shape.map((d) => (d === null ? -1 : d)) })),
  });

  const infer = async (req: IncomingMessage, res: ServerResponse) => {
    const t0 = performance.now();
    let code = 200;
    try {
      if (!model) throw new OipError(503, loadError ? `the model failed to load: ${loadError}` : 'the model is still loading');
      const body = await readJson(req, maxBody);
      const request = parseInferRequest(body);
      const m = model;
      if (request.inputs.length !== m.inputs.length)
        throw new OipError(
          400,
          `the model takes ${m.inputs.length} input tensor(s) (${m.inputs.map((t) => t.name).join(', ')}); the request sent ${request.inputs.length}`,
        );
      // one input: whatever its name; several: matched by name, else by position
      const ordered = m.inputs.map((mi, i) => request.inputs.find((r) => r.name === mi.name) ?? request.inputs[i]!);
      ordered.forEach((r, i) => checkShape(r, m.inputs[i]!.shape, m.inputs[i]!.name));
      const outputs = tf.tidy(() => m.predict(ordered.map((r) => tf.tensor(r.data, r.shape, 'float32'))).map((t) => ({ shape: t.shape, data: t.dataSync() })));
      const out: InferOutput[] = outputs.map((o, i) => ({
        name: m.outputs[i]?.name ?? `output_${i}`,
        shape: o.shape,
        datatype: 'FP32',
        data: Array.from(o.data),
      }));
      json(res, 200, { model_name: opts.name, model_version: opts.version, ...(request.id ? { id: request.id } : {}), outputs: out });
    } catch (e) {
      code = e instanceof OipError ? e.status : 500;
      json(res, code, { error: e instanceof Error ? e.message : String(e) });
    } finally {
      metrics.observe(code, (performance.now() - t0) / 1000);
    }
  };

  const server = createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0]!;
    const get = req.method === 'GET' || req.method === 'HEAD';
    if (get && url === '/v2/health/live') return json(res, 200, { live: true });
    if (get && url === '/v2/health/ready') return json(res, model && !draining ? 200 : 503, { ready: !!model && !draining });
    if (get && url === '/v2') return json(res, 200, { name: 'kiln-serving', version: '1', extensions: [] });
    if (get && url === '/metrics') {
      const text = metrics.render();
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      return res.end(text);
    }
    if (get && (url === base || url === `${base}/versions/${opts.version}`)) {
      return model ? json(res, 200, metadata(model)) : json(res, 503, { error: loadError ?? 'the model is still loading' });
    }
    if (req.method === 'POST' && (url === `${base}/infer` || url === `${base}/versions/${opts.version}/infer`)) return void infer(req, res);
    if (get && url === `${base}/ready`) return json(res, model && !draining ? 200 : 503, { name: opts.name, ready: !!model && !draining });
    const known = url.startsWith('/v2/models/')
      ? `model ${JSON.stringify(url.split('/')[3])} is not served here (this server serves ${JSON.stringify(opts.name)})`
      : `no route ${req.method} ${url}`;
    json(res, 404, { error: known });
  });
  server.keepAliveTimeout = 5000;
  return { server, metrics, drain: () => void (draining = true) };
}

function readJson(req: IncomingMessage, max: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let n = 0;
    req.on('data', (c: Buffer) => {
      n += c.length;
      if (n > max) {
        reject(new OipError(413, `the request body is larger than ${max} bytes`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch (e) {
        reject(new OipError(400, `the request body is not JSON: ${(e as Error).message}`));
      }
    });
    req.on('error', reject);
  });
}
