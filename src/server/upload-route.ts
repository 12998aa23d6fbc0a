import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '../core/index.js';
import { KilnError, toErrorData, type Result } from '../shared/contract/index.js';

/**
 * PUT /api/upload/<uploadId>?path=<relative path>: one file of a browser drop, streamed to disk
 * (never buffered whole). A path ending in "/" makes an empty folder. The answer is the usual
 * Result envelope; `datasets:add` with `{ kind: 'upload', uploadId }` then versions the folder.
 */
export async function handleUpload(core: Core, uploadId: string, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let result: Result<unknown>;
  try {
    const path = url.searchParams.get('path');
    if (!path) throw new KilnError('INVALID_INPUT', 'the upload needs ?path=<relative path of the file inside the dropped folder>');
    const declared = Number(req.headers['content-length']);
    result = { ok: true, value: await core.uploads.write(uploadId, path, req, Number.isFinite(declared) && declared >= 0 ? declared : undefined) };
  } catch (e) {
    req.resume();
    result = { ok: false, error: toErrorData(e) };
  }
  const status = result.ok
    ? 200
    : result.error.code === 'INVALID_INPUT' || result.error.code === 'PATH_ESCAPE'
      ? 400
      : result.error.code === 'DISK_FULL'
        ? 507
        : 200;
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(result));
}
