import type { EventName, EventPayload, OpName, OpInput, OpOutput, Result } from './contract/index.js';

/** IPC channel names: one per operation, one for events, one for the renderer's "ready". */
export const ipcChannel = {
  op: (name: OpName) => `kiln:op:${name}`,
  event: 'kiln:event',
  ready: 'kiln:ready',
} as const;

/** What preload puts on `window.kiln`; the renderer's api client prefers it to HTTP. */
export interface KilnBridge {
  invoke<K extends OpName>(name: K, input: OpInput<K>): Promise<Result<OpOutput<K>>>;
  on<E extends EventName>(name: E, cb: (payload: EventPayload<E>) => void): () => void;
  /** tell main the UI is listening, so it flushes events queued during load */
  ready(): void;
  /** Electron only: the real path of a dropped file */
  pathForFile(file: File): string;
}
