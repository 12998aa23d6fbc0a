import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Core } from '../core/index.js';
import { containsTypedArray, encodeBinary } from '../shared/codec.js';

/** One WebSocket per page; every core event goes to every socket. */
export class EventSocket {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly off: () => void;

  constructor(core: Core) {
    this.wss.on('error', () => undefined);
    this.off = core.onAny((event, payload) => {
      if (this.wss.clients.size === 0) return;
      const msg = { event, payload };
      const frame = containsTypedArray(payload) ? encodeBinary(msg) : JSON.stringify(msg);
      for (const ws of this.wss.clients) if (ws.readyState === ws.OPEN) ws.send(frame);
    });
  }

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      // ws closes a frame over maxPayload with 1009 and then emits 'error': without a listener
      // that error is thrown and stops the whole server. ws has already begun closing that one socket.
      ws.on('error', () => undefined);
      ws.send(JSON.stringify({ event: 'hello', payload: null }));
    });
  }

  close(): void {
    this.off();
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }
}
