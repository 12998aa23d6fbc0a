import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createBridge, type IpcLike } from './create-bridge.js';

contextBridge.exposeInMainWorld(
  'kiln',
  createBridge(ipcRenderer as unknown as IpcLike, (file) => webUtils.getPathForFile(file)),
);
