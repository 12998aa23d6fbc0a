import { KilnError, type Result } from '../../../shared/contract/errors.js';

/**
 * Streams one file to `PUT /api/upload/<uploadId>?path=<relpath>`. XMLHttpRequest, because it
 * reports upload progress and sends a File straight from disk without reading it into memory.
 */
export function putFile(uploadId: string, path: string, file: File, onBytes: (sent: number) => void, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', `/api/upload/${encodeURIComponent(uploadId)}?path=${encodeURIComponent(path)}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => onBytes(e.loaded);
    xhr.onload = () => {
      // the route answers with the usual Result envelope: a refusal can come with a 200
      const refusal = refusalOf(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300 && !refusal) {
        onBytes(file.size);
        resolve();
      } else reject(refusal ?? new Error(uploadFailure(path, xhr.status, xhr.responseText)));
    };
    xhr.onerror = () =>
      reject(new Error(`uploading ${path} failed: the connection to the Kiln server broke — check that \`kiln serve\` is still running, then try again`));
    xhr.onabort = () => reject(new DOMException('upload cancelled', 'AbortError'));
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

function refusalOf(body: string): KilnError | null {
  try {
    const r = JSON.parse(body) as Result<unknown>;
    return r && r.ok === false ? KilnError.fromData(r.error) : null;
  } catch {
    return null;
  }
}

function uploadFailure(path: string, status: number, body: string): string {
  try {
    const j = JSON.parse(body) as { error?: { message?: string } };
    if (j.error?.message) return j.error.message;
  } catch {
    // not JSON: fall through
  }
  return `uploading ${path} failed: the server answered ${status}${body ? ` (${body.slice(0, 200)})` : ''}`;
}
