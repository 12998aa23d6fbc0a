import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { KilnError } from '../../../shared/contract/index.js';
import type { KubeCluster } from './kubeconfig.js';

export class KubeError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly reason: string | null,
  ) {
    super(message);
  }
}

/**
 * The few calls Kiln makes to a Kubernetes API server: kubeconfig, contexts and credentials are
 * @kubernetes/client-node's (token, client certificate, CA, exec plugins such as EKS's and GKE's,
 * insecure-skip-tls-verify), applied to each request by `applyToHTTPSOptions`. The requests
 * themselves stay this small layer: the service proxy answers any status and any body, and a watch
 * is read line by line until Kiln has seen enough, which client-node's typed clients do not offer.
 */
export class KubeClient {
  constructor(readonly cluster: KubeCluster) {}

  private fail(what: string, e: unknown): KilnError {
    const { context, server } = this.cluster;
    return new KilnError('TARGET_INVALID', `${what.replace('CTX', `context "${context}" (${server})`)}: ${(e as Error).message || String(e)}`);
  }

  private async open(method: string, path: string, body?: unknown): Promise<IncomingMessage> {
    const url = new URL(this.cluster.server + path);
    const headers: Record<string, string> = { accept: 'application/json' };
    const payload = body === undefined ? undefined : JSON.stringify(body);
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    const opts: RequestOptions = { method, hostname: url.hostname, port: url.port, path: url.pathname + url.search, headers };
    try {
      // credentials, CA and the agent (http: only with insecure-skip-tls-verify, as client-node insists)
      await this.cluster.kc.applyToHTTPSOptions(opts);
    } catch (e) {
      if (url.protocol === 'http:' && /HTTP protocol is not allowed/.test((e as Error).message))
        throw this.fail(
          'CTX is plain http',
          new Error('Kubernetes clients refuse it unless its cluster in the kubeconfig says insecure-skip-tls-verify: true'),
        );
      throw this.fail('cannot authenticate to the Kubernetes API server of CTX', e);
    }
    return new Promise((res, rej) => {
      const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(opts, res);
      req.on('error', (e) => rej(this.fail('the Kubernetes API server of CTX does not answer', e)));
      req.end(payload);
    });
  }

  /** One request, any status, the body as text (the service proxy answers whatever the pod does). */
  async raw(method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
    const res = await this.open(method, path, body);
    const chunks: Buffer[] = [];
    for await (const c of res) chunks.push(c as Buffer);
    return { status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') };
  }

  /** One JSON request; a non-2xx answer throws KubeError with the API's Status message. */
  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const { status, text } = await this.raw(method, path, body === undefined ? undefined : body);
    if (status < 200 || status >= 300) {
      let msg = text.slice(0, 500);
      let reason: string | null = null;
      try {
        const s = JSON.parse(text) as { message?: string; reason?: string };
        msg = s.message ?? msg;
        reason = s.reason ?? null;
      } catch {
        // not a Status object
      }
      throw new KubeError(status, `${method} ${path}: ${status} ${msg}`, reason);
    }
    return (text ? JSON.parse(text) : null) as T;
  }

  /** GET that answers null on 404. */
  async get<T>(path: string): Promise<T | null> {
    try {
      return await this.call<T>('GET', path);
    } catch (e) {
      if (e instanceof KubeError && e.status === 404) return null;
      throw e;
    }
  }

  /** A watch stream (`?watch=1`): calls `onEvent` per event until it returns true, the signal aborts or the server ends it. */
  async watch(path: string, onEvent: (type: string, obj: Record<string, unknown>) => boolean, signal: AbortSignal): Promise<void> {
    const res = await this.open('GET', path);
    if ((res.statusCode ?? 0) !== 200) throw new KubeError(res.statusCode ?? 0, `watch ${path}: ${res.statusCode}`, null);
    let buf = '';
    await new Promise<void>((resolve, reject) => {
      const stop = () => {
        res.destroy();
        resolve();
      };
      signal.addEventListener('abort', stop, { once: true });
      res.on('data', (c: Buffer) => {
        buf += c.toString('utf8');
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl).trim();
          buf = buf.slice(nl + 1);
          if (!line) continue;
          const ev = JSON.parse(line) as { type: string; object: Record<string, unknown> };
          if (onEvent(ev.type, ev.object)) return stop();
        }
      });
      res.on('end', () => (signal.removeEventListener('abort', stop), resolve()));
      res.on('error', reject);
    });
  }
}
