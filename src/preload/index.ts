import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { isEventName, isOpName, type EventName, type OpName } from '../shared/contract/index.js';
import { ipcChannel, type KilnBridge } from '../shared/bridge.js';

// Built generically from the contract: no per-operation code, and names outside it are refused here.
const bridge: KilnBridge = {
  invoke: ((name: OpName, input: unknown) => {
    if (!isOpName(name)) return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_OPERATION', message: `unknown operation ${JSON.stringify(name)}` } });
    return ipcRenderer.invoke(ipcChannel.op(name), input);
  }) as KilnBridge['invoke'],
  on: ((name: EventName, cb: (p: unknown) => void) => {
    if (!isEventName(name)) throw new Error(`unknown event ${JSON.stringify(name)}`);
    const l = (_e: IpcRendererEvent, n: string, payload: unknown) => {
      if (n === name) cb(payload);
    };
    ipcRenderer.on(ipcChannel.event, l);
    return () => void ipcRenderer.off(ipcChannel.event, l);
  }) as KilnBridge['on'],
  ready: () => ipcRenderer.send(ipcChannel.ready),
  pathForFile: (file) => webUtils.getPathForFile(file),
  pickFolder: () => ipcRenderer.invoke('kiln:pick-folder') as Promise<string | null>,
};

contextBridge.exposeInMainWorld('kiln', bridge);
