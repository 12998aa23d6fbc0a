import { isEventName, isOpName, type EventName, type OpName } from '../shared/contract/index.js';
import { ipcChannel, type KilnBridge } from '../shared/bridge.js';

/** The slice of Electron's ipcRenderer the bridge uses; a plain object in unit tests. */
export interface IpcLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  off(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  send(channel: string, ...args: unknown[]): void;
}

/** `window.kiln`, built generically from the contract; names outside it never reach main. */
export function createBridge(ipc: IpcLike, pathForFile: (f: File) => string): KilnBridge {
  return {
    invoke: ((name: OpName, input: unknown) => {
      if (!isOpName(name))
        return Promise.resolve({
          ok: false,
          error: { code: 'UNKNOWN_OPERATION', message: `unknown operation ${JSON.stringify(name)}: it is not in the Kiln contract` },
        });
      return ipc.invoke(ipcChannel.op(name), input);
    }) as KilnBridge['invoke'],
    on: ((name: EventName, cb: (p: unknown) => void) => {
      if (!isEventName(name)) throw new Error(`unknown event ${JSON.stringify(name)}: it is not in the Kiln contract`);
      const l = (_e: unknown, n: unknown, payload: unknown) => {
        if (n === name) cb(payload);
      };
      ipc.on(ipcChannel.event, l as (event: unknown, ...args: unknown[]) => void);
      return () => void ipc.off(ipcChannel.event, l as (event: unknown, ...args: unknown[]) => void);
    }) as KilnBridge['on'],
    ready: () => ipc.send(ipcChannel.ready),
    pathForFile,
  };
}
