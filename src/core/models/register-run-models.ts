import type { Workspace } from '../workspace/workspace.js';
import type { EventBus } from '../event-bus.js';
import { ModelService } from './model-service.js';
import { readModelConfigs } from './model-config.js';

/**
 * After a run: each model of kiln.yaml with `output:` that this run produced gets a new version
 * from that output (no copy, the bytes are in the store), unless its newest version already holds
 * the same tree. A model that cannot be registered (invalid files) is reported on the run's log
 * and in the result; the run itself is not failed by it.
 */
export async function registerRunModels(ws: Workspace, bus: EventBus, runId: string): Promise<{ name: string; version: number }[]> {
  let configs;
  try {
    configs = readModelConfigs(ws.root);
  } catch (e) {
    bus.emit('runs:log', { runId, stage: '', stream: 'system', lines: [`kiln: models not registered: ${(e as Error).message}`] });
    return [];
  }
  const out: { name: string; version: number }[] = [];
  const svc = new ModelService(ws);
  for (const c of configs.values()) {
    if (!c.output) continue;
    const want = c.output.replace(/^\.\/+/, '').replace(/\/+$/, '');
    const row = ws.db
      .prepare("SELECT stage, path, tree FROM run_outputs WHERE run_id = ? AND tree IS NOT NULL AND (path = ? OR ? LIKE path || '/%')")
      .get<{ stage: string; path: string; tree: string }>(runId, want, want);
    if (!row) continue;
    const log = (m: string) => bus.emit('runs:log', { runId, stage: row.stage, stream: 'system', lines: [m] });
    try {
      const before = svc.repo.modelId(c.name) !== null ? svc.repo.versions(c.name, 0, 1)[0] : undefined;
      const v = await svc.register(c.name, { kind: 'run', run: runId, output: want }, { message: 'registered after its run', unchangedIfSameFiles: true });
      if (before && before.version === v.version) continue;
      out.push({ name: v.name, version: v.version });
      log(`kiln: registered ${want} as model ${v.name}@${v.version} (${v.format})`);
      bus.emit('models:changed', { name: v.name, version: v.version });
    } catch (e) {
      log(`kiln: could not register ${want} as model ${c.name}: ${(e as Error).message}`);
    }
  }
  return out;
}
