import { ipcMain, type WebContents } from 'electron';
import type { Core } from '../core/index.js';
import { ipcChannel } from '../shared/bridge.js';

const MAX_QUEUED = 1000;

/** Forwards core events to a window, holding them until its UI says it is listening. */
export function forwardEvents(core: Core, contents: WebContents): () => void {
  let ready = false;
  const queue: [string, unknown][] = [];
  const onReady = (e: Electron.IpcMainEvent) => {
    if (e.sender !== contents) return;
    ready = true;
    for (const [n, p] of queue.splice(0)) contents.send(ipcChannel.event, n, p);
  };
  ipcMain.on(ipcChannel.ready, onReady);
  const off = core.onAny((name, payload) => {
    if (contents.isDestroyed()) return;
    if (ready) contents.send(ipcChannel.event, name, payload);
    else if (queue.push([name, payload]) > MAX_QUEUED) queue.shift();
  });
  contents.on('did-start-loading', () => (ready = false));
  return () => {
    off();
    ipcMain.off(ipcChannel.ready, onReady);
  };
}
