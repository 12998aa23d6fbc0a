import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Docker from 'dockerode';
import { createCoreWithContext as createCore, type CoreWithContext as Core } from '../../helpers/core-with-context.js';

/** A fresh workspace with a kiln.yaml and a core opened on it (KILN_HOME kept inside the temp dir). */
export async function pipelineWorkspace(dir: string, yaml: string, env: NodeJS.ProcessEnv = {}): Promise<Core> {
  const boot = await createCore({ host: 'cli', kilnHome: join(dir, '.home'), env: { ...process.env, ...env } });
  await boot.invoke('workspaces:create', { path: join(dir, 'ws') });
  await boot.close();
  writeFileSync(join(dir, 'ws', 'kiln.yaml'), yaml);
  return openCore(dir, env);
}

export function openCore(dir: string, env: NodeJS.ProcessEnv = {}): Promise<Core> {
  return createCore({ host: 'cli', kilnHome: join(dir, '.home'), workspace: join(dir, 'ws'), env: { ...process.env, KILN_STOP_GRACE_MS: '1500', ...env } });
}

/** Containers Kiln labelled for this workspace (running or not). */
export async function kilnContainers(wsRoot: string): Promise<Docker.ContainerInfo[]> {
  return new Docker().listContainers({ all: true, filters: { label: [`kiln.workspace=${wsRoot}`] } });
}

/** Containers created for a workspace since a time, from the engine's own event log (others share the engine). */
export async function containersCreatedSince(sinceSec: number, wsRoot: string): Promise<number> {
  const filters = { event: ['create'], type: ['container'], label: [`kiln.workspace=${wsRoot}`] };
  const stream = (await new Docker().getEvents({
    since: sinceSec,
    until: Math.ceil(Date.now() / 1000) + 1,
    filters: JSON.stringify(filters),
  } as object)) as NodeJS.ReadableStream;
  let n = 0;
  for await (const chunk of stream)
    n += String(chunk)
      .split('\n')
      .filter((l) => l.includes('"create"')).length;
  return n;
}

/** Containers created for a workspace after `sinceMs` (event times are kept to the nanosecond, so a run just before does not count). */
export async function containersCreatedAfter(sinceMs: number, wsRoot: string): Promise<number> {
  const filters = { event: ['create'], type: ['container'], label: [`kiln.workspace=${wsRoot}`] };
  const stream = (await new Docker().getEvents({
    since: Math.floor(sinceMs / 1000),
    until: Math.ceil(Date.now() / 1000) + 1,
    filters: JSON.stringify(filters),
  } as object)) as NodeJS.ReadableStream;
  let text = '';
  for await (const chunk of stream) text += String(chunk);
  return text
    .split('\n')
    .filter((l) => l.includes('"create"'))
    .filter((l) => (JSON.parse(l) as { timeNano: number }).timeNano / 1e6 >= sinceMs).length;
}
