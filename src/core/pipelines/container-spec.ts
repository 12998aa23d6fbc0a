import { hostname } from 'node:os';
import type { ContainerCreateOptions } from 'dockerode';
import type { StageSpec } from '../../shared/contract/index.js';
import { nvidiaDeviceRequests } from '../gpu/device-requests.js';

export const LABEL = {
  managed: 'kiln.managed',
  workspace: 'kiln.workspace',
  workspaceId: 'kiln.workspace.id',
  run: 'kiln.run',
  stage: 'kiln.stage',
  pid: 'kiln.owner.pid',
  host: 'kiln.owner.host',
} as const;

export const WORKDIR = '/work';
export const METRICS_DIR = '/kiln';
export const METRICS_FILE = `${METRICS_DIR}/metrics.jsonl`;

export interface ContainerPlan {
  stage: StageSpec;
  imageId: string;
  runId: string;
  workspaceRoot: string;
  workspaceId: string;
  /** workspace-relative output path → host folder */
  outputs: { path: string; host: string }[];
  /** dataset inputs: host folder (materialized, read-only) → /data/NAME */
  datasets: { host: string; name: string }[];
  metricsHostDir: string | null;
  gpuIds: string[];
  /** the user the container runs as: the workspace owner, so outputs belong to them */
  user: string | null;
}

/**
 * The Engine API create options for one stage. The workspace code is mounted read-only at /work,
 * each output folder writable over it, datasets read-only under /data; never the Docker
 * socket, never privileged, no network unless asked, limits as declared.
 */
export function containerOptions(p: ContainerPlan): ContainerCreateOptions {
  const s = p.stage;
  const binds = [`${p.workspaceRoot}:${WORKDIR}:ro`];
  for (const o of p.outputs) binds.push(`${o.host}:${WORKDIR}/${o.path}:rw`);
  for (const d of p.datasets) binds.push(`${d.host}:/data/${d.name}:ro`);
  if (p.metricsHostDir) binds.push(`${p.metricsHostDir}:${METRICS_DIR}:rw`);
  const env = {
    ...s.env,
    ...Object.fromEntries(Object.entries(s.params).map(([k, v]) => [`KILN_PARAM_${k.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}`, v === null ? '' : String(v)])),
    KILN_PARAMS: JSON.stringify(s.params),
    KILN_RUN_ID: p.runId,
    KILN_STAGE: s.name,
    ...(p.metricsHostDir ? { KILN_METRICS: METRICS_FILE } : {}),
  };
  return {
    Image: p.imageId,
    Cmd: s.cmd,
    Env: Object.entries(env).map(([k, v]) => `${k}=${v}`),
    WorkingDir: WORKDIR,
    ...(p.user ? { User: p.user } : {}),
    Tty: false,
    AttachStdin: false,
    AttachStdout: true,
    AttachStderr: true,
    OpenStdin: false,
    Labels: {
      [LABEL.managed]: '1',
      [LABEL.workspace]: p.workspaceRoot,
      [LABEL.workspaceId]: p.workspaceId,
      [LABEL.run]: p.runId,
      [LABEL.stage]: s.name,
      [LABEL.pid]: String(process.pid),
      [LABEL.host]: hostname(),
    },
    HostConfig: {
      Binds: binds,
      // hide Kiln's own database and store from the stage
      Tmpfs: { [`${WORKDIR}/.kiln`]: 'ro,size=4k' },
      NetworkMode: s.network,
      Privileged: false,
      SecurityOpt: ['no-new-privileges'],
      // an init process forwards TERM to the command, so cancel can stop it gracefully
      Init: true,
      ...(s.memoryBytes ? { Memory: s.memoryBytes, MemorySwap: s.memoryBytes } : {}),
      ...(s.cpus ? { NanoCpus: Math.round(s.cpus * 1e9) } : {}),
      ...(p.gpuIds.length ? { DeviceRequests: nvidiaDeviceRequests(p.gpuIds) } : {}),
      AutoRemove: false,
      // Kiln attaches before start and keeps the log itself; the engine's own json-file copy made
      // a chatty stage several times slower (1M lines: 18.6 s with json-file, 2.8 s without)
      LogConfig: { Type: 'none', Config: {} },
    },
  };
}
