import { ipcMain, BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { Core } from '../core/index.js';
import { opNames, type Result } from '../shared/contract/index.js';
import { answerIpcCall } from './ipc-call.js';
import { ipcChannel } from '../shared/bridge.js';
import { isAppUrl, type AppSource } from './app-url.js';

/** One generic handler per operation: check the sender, parse the input, call core, return a Result. */
export function registerIpc(core: Core, source: AppSource): void {
  const trusted = (e: IpcMainInvokeEvent) => {
    const url = e.senderFrame?.url ?? '';
    return BrowserWindow.fromWebContents(e.sender) !== null && isAppUrl(url, source);
  };
  for (const name of opNames) {
    ipcMain.handle(ipcChannel.op(name), (e, input: unknown): Promise<Result<unknown>> => answerIpcCall(core, name, input, trusted(e)));
  }
}
