import { resolve } from 'node:path';
import { KilnError } from '../../shared/contract/index.js';
import type { ServiceContext, HandlerMap } from '../service-context.js';
import type { runsOps } from '../../shared/contract/runs.js';
import { resolveRunId } from './resolve-run.js';
import { listRuns } from './list-runs.js';
import { getRun } from './get-run.js';
import { compareRuns } from './compare-runs.js';
import { deleteRuns, noteRun, tagRun } from './run-edits.js';
import { importRun } from './import-run.js';
import { DatasetService } from '../datasets/dataset-service.js';
import { previewRunFile, runFiles } from './run-files.js';

export function runsHandlers(ctx: ServiceContext): HandlerMap<keyof typeof runsOps> {
  const db = () => ctx.workspaces.get().db;
  const changed = (runIds: string[], change: 'created' | 'updated' | 'deleted') => ctx.bus.emit('runs:changed', { runIds, change });
  return {
    'runs:list': (req) => listRuns(db(), req),
    'runs:get': ({ runId }) => getRun(db(), resolveRunId(db(), runId)),
    'runs:files': ({ runId }) => runFiles(db(), new DatasetService(ctx.workspaces.get()), resolveRunId(db(), runId)),
    'runs:preview': ({ runId, path, limit }) => previewRunFile(db(), new DatasetService(ctx.workspaces.get()), resolveRunId(db(), runId), path, limit),
    'runs:compare': ({ runIds, baseline }) => {
      const ids = runIds.map((r) => resolveRunId(db(), r));
      return compareRuns(db(), ids, baseline === undefined ? ids[0]! : resolveRunId(db(), baseline));
    },
    'runs:tag': ({ runId, add, remove }) => {
      const id = resolveRunId(db(), runId);
      const tags = tagRun(db(), id, add, remove);
      changed([id], 'updated');
      return { runId: id, tags };
    },
    'runs:note': ({ runId, notes }) => {
      const id = resolveRunId(db(), runId);
      noteRun(db(), id, notes);
      changed([id], 'updated');
      return { runId: id, notes };
    },
    'runs:delete': ({ runIds }) => {
      const ids = runIds.map((r) => resolveRunId(db(), r));
      const running = db()
        .prepare(`SELECT id FROM runs WHERE status = 'running' AND id IN (${ids.map(() => '?').join(',')})`)
        .all<{ id: string }>(...ids);
      if (running.length) throw new KilnError('CONFLICT', `cannot delete run ${running.map((r) => r.id).join(', ')}: it is still running; cancel it first`);
      const deleted = deleteRuns(db(), ids);
      changed(deleted, 'deleted');
      return { deleted };
    },
    'runs:import': (req) => {
      // a relative path is taken from the workspace root (the CLI resolves against its cwd first)
      const path = resolve(ctx.workspaces.get().root, req.path);
      return ctx.jobs.run('runs:import', `Import ${path}`, req.jobId, async (job) => {
        const r = await importRun(db(), { ...req, path }, job, (e) => ctx.bus.emit('metrics:appended', e));
        changed([r.runId], 'created');
        return r;
      });
    },
  };
}
