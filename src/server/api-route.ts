import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '../core/index.js';
import { KilnError, toErrorData, type Result } from '../shared/contract/index.js';
import { BINARY_CONTENT_TYPE, containsTypedArray, encodeBinary } from '../shared/codec.js';

const MAX_BODY = 16 * 1024 * 1024;

/** POST /api/<domain:verb>: one generic route for every operation of the contract. */
export async function handleApi(core: Core, name: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let result: Result<unknown>;
  try {
    const input = await readJson(req);
    result = { ok: true, value: await core.invokeUnchecked(name, input) };
  } catch (e) {
    result = { ok: false, error: toErrorData(e) };
  }
  const status = result.ok ? 200 : statusFor(result.error.code);
  if (result.ok && containsTypedArray(result.value)) {
    const body = encodeBinary(result);
    res.writeHead(status, { 'content-type': BINARY_CONTENT_TYPE, 'content-length': body.byteLength, 'cache-control': 'no-store' });
    res.end(body);
    return;
  }
  const body = JSON.stringify(result);
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(body);
}

function statusFor(code: string): number {
  if (code === 'INVALID_INPUT') return 400;
  if (code === 'UNKNOWN_OPERATION') return 404;
  return 200; // domain errors are answers, not transport failures
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY) throw new KilnError('INVALID_INPUT', `request body over ${MAX_BODY} bytes`);
    chunks.push(c as Buffer);
  }
  if (!size) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (e) {
    throw new KilnError('INVALID_INPUT', `request body is not JSON: ${(e as Error).message}`);
  }
}
