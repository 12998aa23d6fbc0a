import type { EventName, EventPayload, OpInput, OpName, OpOutput } from '../../shared/contract/index.js';
// errors.js, not index.js: a value import of the index would pull every zod schema (~450 KB) into the first paint
import { KilnError, type Result } from '../../shared/contract/errors.js';
import type { KilnBridge } from '../../shared/bridge.js';
import { BINARY_CONTENT_TYPE, decodeBinary } from '../../shared/codec.js';

declare global {
  interface Window {
    kiln?: KilnBridge;
  }
}

type Listener = (payload: unknown) => void;

/**
 * One client for both transports: Electron's `window.kiln` when present, HTTP + WebSocket
 * against `kiln serve` otherwise. Generic over the contract: no per-operation code.
 */
export interface ApiClient {
  invoke<K extends OpName>(name: K, input?: OpInput<K>): Promise<OpOutput<K>>;
  on<E extends EventName>(name: E, cb: (payload: EventPayload<E>) => void): () => void;
  readonly transport: 'electron' | 'http';
}

function unwrap<T>(r: Result<T>): T {
  if (r.ok) return r.value;
  throw KilnError.fromData(r.error);
}

function electronClient(bridge: KilnBridge): ApiClient {
  queueMicrotask(() => bridge.ready());
  return {
    transport: 'electron',
    invoke: async (name, input) => unwrap(await bridge.invoke(name, (input ?? {}) as OpInput<typeof name>)),
    on: (name, cb) => bridge.on(name, cb),
  };
}

function httpClient(base: string): ApiClient {
  const listeners = new Map<string, Set<Listener>>();
  let socket: WebSocket | null = null;
  let retry = 500;
  const connect = () => {
    const url = new URL('api/events', base);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => (retry = 500);
    ws.onmessage = (m) => {
      const msg = (typeof m.data === 'string' ? JSON.parse(m.data) : decodeBinary(new Uint8Array(m.data as ArrayBuffer))) as {
        event: string;
        payload: unknown;
      };
      for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
    };
    ws.onclose = () => {
      socket = null;
      // the server restarted or the network blinked: reconnect with backoff
      setTimeout(connect, (retry = Math.min(retry * 2, 10_000)));
    };
    socket = ws;
  };
  return {
    transport: 'http',
    async invoke(name, input) {
      const res = await fetch(new URL(`api/${name}`, base), {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
      if (res.status === 401 || res.status === 403)
        throw new KilnError(
          res.status === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN',
          `the Kiln server refused the request (${res.status}): open the URL that \`kiln serve\` printed`,
        );
      const type = res.headers.get('content-type') ?? '';
      const body = type.startsWith(BINARY_CONTENT_TYPE)
        ? decodeBinary<Result<OpOutput<typeof name>>>(new Uint8Array(await res.arrayBuffer()))
        : ((await res.json()) as Result<OpOutput<typeof name>>);
      return unwrap(body);
    },
    on(name, cb) {
      if (!socket) connect();
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(cb as Listener);
      return () => set.delete(cb as Listener);
    },
  };
}

export function createApiClient(): ApiClient {
  if (typeof window !== 'undefined' && window.kiln) return electronClient(window.kiln);
  return httpClient(new URL('/', window.location.href).toString());
}

export const api: ApiClient = createApiClient();
