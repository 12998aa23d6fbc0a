import type { ModelVersion, SmokeReport } from '../../shared/contract/index.js';

/** The rows the smoke test sends: deterministic, spread over [0, 1), as many features as the model's input takes. */
export function smokeRows(mv: ModelVersion, n = 4): { rows: number[][]; shape: number[] } {
  const dims = (mv.signature?.inputs[0]?.shape ?? [null, 1]).slice(1).map((d) => (d === null || d < 1 ? 1 : d));
  const features = dims.reduce((a, b) => a * b, 1);
  let seed = 12345;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const rows = Array.from({ length: n }, () => Array.from({ length: features }, () => Math.round(rnd() * 1e4) / 1e4));
  return { rows, shape: [n, ...dims] };
}

export type ServiceRequest = (path: string, body?: unknown) => Promise<{ status: number; text: string }>;

/** Both sides are float32 TF.js, but possibly on different backends (wasm in-app, cpu in the image). */
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-4 + 1e-3 * Math.abs(b);

/**
 * The gate after a rollout: the service must list the deployed version in its OIP metadata, and
 * answer an inference request exactly as the in-app prediction answers the same rows.
 */
export async function smokeTest(o: {
  request: ServiceRequest;
  model: string;
  version: number;
  rows: number[][];
  shape: number[];
  expected: number[][];
  connectTimeoutMs?: number;
}): Promise<SmokeReport> {
  const fail = (message: string, maxAbsDiff: number | null = null): SmokeReport => ({ ok: false, shape: o.shape, maxAbsDiff, message });
  // a published port can lag a moment behind the task's health (host-mode ports, the ingress mesh)
  let meta: { status: number; text: string } | null = null;
  const until = Date.now() + (o.connectTimeoutMs ?? 15_000);
  while (!meta) {
    try {
      meta = await o.request(`/v2/models/${o.model}`);
    } catch (e) {
      const why = `${(e as Error).message}${(e as { cause?: { code?: string } }).cause?.code ? ` (${(e as { cause: { code: string } }).cause.code})` : ''}`;
      if (Date.now() > until) return fail(`the service does not answer: ${why}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  if (meta.status !== 200) return fail(`GET /v2/models/${o.model} answered ${meta.status}: ${meta.text.slice(0, 200)}`);
  const versions = (JSON.parse(meta.text) as { versions?: string[] }).versions ?? [];
  if (!versions.includes(String(o.version))) return fail(`the service serves version ${versions.join(', ') || '(none)'}, not ${o.version}`);
  const body = { id: 'kiln-smoke', inputs: [{ name: 'input', shape: o.shape, datatype: 'FP32', data: o.rows.flat() }] };
  const r = await o.request(`/v2/models/${o.model}/infer`, body);
  if (r.status !== 200) return fail(`inference answered ${r.status}: ${r.text.slice(0, 300)}`);
  const out = (JSON.parse(r.text) as { outputs?: { data?: number[] }[] }).outputs?.[0]?.data ?? [];
  const want = o.expected.flat();
  if (out.length !== want.length) return fail(`inference returned ${out.length} values, the in-app prediction ${want.length}`);
  let maxDiff = 0;
  let bad = -1;
  out.forEach((v, i) => {
    maxDiff = Math.max(maxDiff, Math.abs(v - want[i]!));
    if (bad < 0 && !close(v, want[i]!)) bad = i;
  });
  if (bad >= 0) return fail(`inference differs from the in-app prediction at value ${bad}: served ${out[bad]}, in-app ${want[bad]}`, maxDiff);
  return { ok: true, shape: o.shape, maxAbsDiff: maxDiff, message: `${o.rows.length} rows answered as in-app (max |diff| ${maxDiff.toExponential(1)})` };
}
