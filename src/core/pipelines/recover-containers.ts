import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import type Docker from 'dockerode';
import type { Workspace } from '../workspace/workspace.js';
import { LABEL } from './container-spec.js';
import { failOrphanedStage, markInterrupted, runningPipelineRuns } from '../runs/run-record.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the Kiln process that owns something is still running (on this host). */
export function ownerAlive(pid: number | null, host: string | null): boolean {
  if (!pid) return false;
  if (host && host !== hostname()) return true; // another machine's Kiln: not ours to judge
  return pid === process.pid || alive(pid);
}

export interface Recovery {
  removed: string[];
  reattached: string[];
  interruptedRuns: string[];
}

/**
 * Containers left by a Kiln that died, found by label: a container whose run is still marked
 * running is re-attached (waited for, its result recorded, then removed); any other (its run
 * ended, e.g. failed when the engine went away) is stopped and removed. Runs whose owner is
 * gone are marked interrupted. Runs a live Kiln process is executing are left alone.
 */
export async function recoverContainers(docker: Docker, ws: Workspace, track: (p: Promise<void>) => void): Promise<Recovery> {
  const rec: Recovery = { removed: [], reattached: [], interruptedRuns: [] };
  const list = await docker.listContainers({ all: true, filters: { label: [`${LABEL.workspace}=${ws.root}`] } });
  for (const c of list) {
    const pid = Number(c.Labels[LABEL.pid] ?? 0) || null;
    const runId = c.Labels[LABEL.run] ?? '';
    const stage = c.Labels[LABEL.stage] ?? '';
    const runRow = ws.db.prepare('SELECT status FROM runs WHERE id = ?').get<{ status: string }>(runId);
    // a live Kiln's run in progress is not ours; a container of a run that has ended is an orphan whoever made it
    if (runRow?.status === 'running' && ownerAlive(pid, c.Labels[LABEL.host] ?? null)) continue;
    const container = docker.getContainer(c.Id);
    if (c.State === 'running' && runRow?.status === 'running') {
      rec.reattached.push(c.Id);
      track(
        (async () => {
          const res = (await container.wait()) as { StatusCode: number };
          const info = await container.inspect().catch(() => null);
          const code = info?.State.ExitCode ?? res.StatusCode;
          const why = `Kiln stopped while the stage ran; re-attached after restart, it ended with exit code ${code} (outputs not stored)`;
          failOrphanedStage(ws.db, runId, stage, why, { code, oomKilled: info?.State.OOMKilled === true });
          await container.remove({ force: true }).catch(() => undefined);
          markInterrupted(ws.db, runId, 'Kiln stopped during the run');
        })().catch(() => undefined),
      );
      continue;
    }
    await container.remove({ force: true }).catch(() => undefined);
    rec.removed.push(c.Id);
    if (runRow?.status === 'running') {
      failOrphanedStage(ws.db, runId, stage, 'Kiln stopped while the stage ran; its container was removed after restart');
    }
  }
  // containers of workspaces that no longer exist (deleted while a run was going) can never be recovered there
  const stray = await docker.listContainers({ all: true, filters: { label: [LABEL.managed] } });
  for (const c of stray) {
    const root = c.Labels[LABEL.workspace];
    if (!root || root === ws.root || existsSync(root)) continue;
    if ((c.Labels[LABEL.host] ?? hostname()) !== hostname()) continue;
    // a live owner still waiting on a running one will remove it itself
    if (c.State === 'running' && ownerAlive(Number(c.Labels[LABEL.pid] ?? 0) || null, c.Labels[LABEL.host] ?? null)) continue;
    await docker
      .getContainer(c.Id)
      .remove({ force: true })
      .catch(() => undefined);
    rec.removed.push(c.Id);
  }
  for (const r of runningPipelineRuns(ws.db)) {
    if (ownerAlive(r.owner_pid, r.owner_host)) continue;
    if (rec.reattached.some((id) => list.find((c) => c.Id === id)?.Labels[LABEL.run] === r.id)) continue;
    markInterrupted(ws.db, r.id, 'Kiln stopped during the run (crash or kill); restarted and found it unfinished');
    rec.interruptedRuns.push(r.id);
  }
  return rec;
}
