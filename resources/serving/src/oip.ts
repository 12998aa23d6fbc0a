// The Open Inference Protocol v2 (KServe, Triton, Seldon) request and response bodies, checked by hand:
// the serving image carries only node and this bundle, so no schema library.

export interface InferInput {
  name: string;
  shape: number[];
  datatype: string;
  data: number[];
}

export interface InferOutput {
  name: string;
  shape: number[];
  datatype: 'FP32';
  data: number[];
}

/** A request the server refuses, with the HTTP status and the OIP `{"error": "..."}` text. */
export class OipError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const NUMERIC = new Set(['FP32', 'FP64', 'FP16', 'INT8', 'INT16', 'INT32', 'INT64', 'UINT8', 'UINT16', 'UINT32', 'UINT64', 'BOOL']);

/** Parses `{ id?, inputs: [{ name, shape, datatype, data }] }`; `data` may be flat or nested (row-major). */
export function parseInferRequest(body: unknown): { id?: string; inputs: InferInput[] } {
  if (!body || typeof body !== 'object') throw new OipError(400, 'the request body must be a JSON object with "inputs"');
  const b = body as { id?: unknown; inputs?: unknown };
  if (!Array.isArray(b.inputs) || b.inputs.length === 0) throw new OipError(400, '"inputs" must be a non-empty array of tensors');
  const inputs = b.inputs.map((raw, i): InferInput => {
    const t = raw as Partial<InferInput> & { data?: unknown };
    const where = `inputs[${i}]`;
    if (!t || typeof t !== 'object') throw new OipError(400, `${where} must be an object with name, shape, datatype and data`);
    if (typeof t.name !== 'string' || !t.name) throw new OipError(400, `${where}.name must be a non-empty string`);
    if (!Array.isArray(t.shape) || !t.shape.every((d) => Number.isInteger(d) && d >= 0))
      throw new OipError(400, `${where}.shape must be an array of non-negative integers`);
    if (typeof t.datatype !== 'string' || !NUMERIC.has(t.datatype))
      throw new OipError(400, `${where}.datatype ${JSON.stringify(t.datatype)} is not supported: send FP32 (or another numeric type)`);
    const data = flatten(t.data, where);
    const want = t.shape.reduce((n, d) => n * d, 1);
    if (data.length !== want) throw new OipError(400, `${where}.data holds ${data.length} values but shape [${t.shape.join(',')}] needs ${want}`);
    return { name: t.name, shape: t.shape, datatype: t.datatype, data };
  });
  return { ...(typeof b.id === 'string' ? { id: b.id } : {}), inputs };
}

function flatten(data: unknown, where: string): number[] {
  if (!Array.isArray(data)) throw new OipError(400, `${where}.data must be an array of numbers`);
  const out: number[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) for (const x of v) walk(x);
    else if (typeof v === 'number' && Number.isFinite(v)) out.push(v);
    else if (typeof v === 'boolean') out.push(v ? 1 : 0);
    else throw new OipError(400, `${where}.data holds ${JSON.stringify(v)}, not a finite number`);
  };
  walk(data);
  return out;
}

/** Checks a request tensor's shape against the model's (null = any size) and names the mismatch. */
export function checkShape(input: InferInput, expected: (number | null)[], modelInput: string): void {
  const ok = input.shape.length === expected.length && expected.every((d, i) => d === null || d === input.shape[i]);
  if (!ok) {
    const want = `[${expected.map((d) => (d === null ? -1 : d)).join(',')}]`;
    throw new OipError(
      400,
      `input ${JSON.stringify(input.name)} has shape [${input.shape.join(',')}] but the model's input ${JSON.stringify(modelInput)} takes ${want} (-1 = any)`,
    );
  }
}
