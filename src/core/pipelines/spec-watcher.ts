import { watch, type FSWatcher } from 'node:fs';
import type { EventBus } from '../event-bus.js';
import type { Workspace } from '../workspace/workspace.js';
import { PIPELINE_FILE } from './load-pipeline.js';

const SETTLE_MS = 120;

/**
 * Watches the open workspace's folder for kiln.yaml being written, replaced or removed, and
 * says so with `pipelines:changed` once the writes settle, so views follow the file without a reload.
 * (The folder, not the file: editors save by renaming a new file over the old one.)
 */
export class SpecWatcher {
  private watcher: FSWatcher | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly bus: EventBus) {}

  start(ws: Workspace): void {
    this.stop();
    try {
      this.watcher = watch(ws.root, { persistent: false }, (_event, name) => {
        if (name !== null && name !== PIPELINE_FILE) return;
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.bus.emit('pipelines:changed', { file: PIPELINE_FILE }), SETTLE_MS);
      });
      this.watcher.on('error', () => this.stop()); // the folder went away: the workspace closes with it
    } catch {
      this.watcher = null; // no watch support here: views still refresh on their own loads
    }
  }

  stop(): void {
    clearTimeout(this.timer);
    this.watcher?.close();
    this.watcher = null;
  }
}
