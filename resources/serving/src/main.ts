// Entry of the serving image: `node server.js`, configured by environment variables the
// Dockerfile sets (model name and version baked in at build time; port and drain time overridable).
import { loadModel } from './load-model.js';
import { createServingServer } from './server.js';
import { memoryLimitBytes } from './memory-limit.js';

const env = process.env;
const name = env.KILN_MODEL_NAME ?? 'model';
const version = env.KILN_MODEL_VERSION ?? '1';
const port = Number(env.KILN_PORT ?? 8080);
// After SIGTERM keep answering for a while with ready=503, so callers that resolved this task's
// address just before it left the service's DNS still get an answer.
const drainMs = Number(env.KILN_DRAIN_MS ?? 2000);

// Under a memory limit too small for node + TF.js the process would crawl through swap and never
// get ready; failing at once lets the orchestrator see a crash and roll back quickly.
const minMb = Number(env.KILN_MIN_MEMORY_MB ?? 40);
const limit = memoryLimitBytes();
if (limit !== null && limit < minMb * 1048576) {
  console.error(`kiln-serving: the container's memory limit (${Math.round(limit / 1048576)} MiB) is below the ${minMb} MiB this server needs; exiting`);
  process.exit(3);
}

const model = loadModel(env.KILN_MODEL_DIR ?? '/srv/kiln/model');
const s = createServingServer({ name, version, model });
model.then(
  (m) => console.log(`kiln-serving: ${name} version ${version} loaded (${m.inputs.length} input(s), ${m.outputs.length} output(s))`),
  (e: unknown) => {
    console.error(`kiln-serving: could not load the model: ${(e as Error).message}`);
    process.exit(1);
  },
);
s.server.listen(port, '0.0.0.0', () => console.log(`kiln-serving: listening on :${port}`));

let stopping = false;
const stop = (sig: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`kiln-serving: ${sig}, draining for ${drainMs} ms`);
  s.drain();
  setTimeout(() => {
    s.server.close(() => process.exit(0));
    s.server.closeIdleConnections();
    setTimeout(() => process.exit(0), 2000).unref();
  }, drainMs).unref();
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
