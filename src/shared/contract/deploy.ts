// Operations and events of the deploy domain (targets, deployments): declared here, implemented in src/core/deploy.
import { z } from 'zod';
import { op, event } from './define.js';
import { empty, jobId } from './common.js';

/** A target or model name as it appears in refs and service names. */
const name = z
  .string()
  .min(1, 'name is required')
  .max(63, 'name is longer than 63 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'name may hold only letters, digits, ".", "_" and "-", and must start with a letter or digit');

/** HOST[:PORT]/PREFIX (the prefix may be empty): where serving images are pushed. */
export const registryRef = z
  .string()
  .regex(/^[A-Za-z0-9.-]+(:\d{1,5})?(\/[a-z0-9._-]+)*\/?$/, 'registry must be HOST[:PORT]/PREFIX, e.g. 127.0.0.1:5000/kiln or ghcr.io/me');

export const targetInput = z
  .object({
    name,
    kind: z.enum(['swarm', 'kubernetes']),
    /** Swarm: the Docker engine of a manager (DOCKER_HOST syntax); empty = Kiln's own engine */
    dockerHost: z.string().max(500).optional(),
    /** Kubernetes: a context of the kubeconfig (default: its current context) */
    context: z.string().max(253).optional(),
    namespace: z
      .string()
      .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'namespace must be a DNS label (lower-case letters, digits, "-")')
      .max(63)
      .optional(),
    /** Kubernetes: the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config) */
    kubeconfig: z.string().max(4096).optional(),
    registry: registryRef.optional(),
    /** the serving image's FROM: any image with `node` (>= 20) on PATH */
    baseImage: z.string().min(1).max(500).optional(),
    /** Swarm: `ingress` (routing mesh, the default) or `host` (the port on the node running the task) */
    publishMode: z.enum(['ingress', 'host']).optional(),
    /** Kubernetes: serve through a KServe InferenceService (custom predictor) instead of a Deployment + Service */
    kserve: z.boolean().optional(),
  })
  .strict();

export interface DeployTarget {
  name: string;
  kind: 'swarm' | 'kubernetes';
  dockerHost: string | null;
  context: string | null;
  namespace: string | null;
  kubeconfig: string | null;
  registry: string | null;
  baseImage: string;
  publishMode: 'ingress' | 'host';
  /** Kubernetes: a KServe InferenceService rather than a Deployment + Service */
  kserve: boolean;
  createdAt: number;
}

export type DeploymentStatus =
  /** building, pushing, rolling out, smoke-testing */
  | 'deploying'
  /** serving now */
  | 'live'
  /** was live, replaced by a newer deployment on the same model and target */
  | 'superseded'
  /** did not become healthy or failed the smoke test: the previous one keeps serving */
  | 'rolled-back'
  /** stopped before a rollout could be judged (engine gone, push refused, cancelled) */
  | 'failed'
  /** its service was removed with `deployments rm` */
  | 'removed';

/** Seconds spent in each part of a deploy. */
export interface DeployTimings {
  build?: number;
  push?: number;
  rollout?: number;
  smoke?: number;
  rollback?: number;
  total?: number;
}

export interface SmokeReport {
  ok: boolean;
  /** the input sent (rows of the model's first input) */
  shape: number[];
  maxAbsDiff: number | null;
  message: string;
}

export interface Deployment {
  id: string;
  /** 1, 2, 3… per workspace: `kiln deployments rollback 3` works too */
  seq: number;
  model: string;
  version: number;
  target: string;
  targetKind: 'swarm' | 'kubernetes';
  /** `deploy`, or `rollback` when it restores an earlier deployment's image */
  kind: 'deploy' | 'rollback';
  status: DeploymentStatus;
  /** what went wrong (rolled back, failed), in a sentence */
  reason: string | null;
  /** the image pushed, pinned by digest */
  image: string | null;
  /** the Swarm service or Kubernetes Deployment name */
  service: string;
  /** where clients reach it (null while deploying or when not published) */
  url: string | null;
  replicas: number;
  port: number | null;
  gpus: number;
  memory: string | null;
  cpus: number | null;
  /** the deployment live on this model and target when this one started */
  previousId: string | null;
  /** the deployment this one rolled back (kind `rollback`) */
  rollbackOf: string | null;
  timings: DeployTimings;
  smoke: SmokeReport | null;
  /** the deployed version's gate report as the registry holds it (null when it has none) */
  gateReport: unknown;
  createdAt: number;
  endedAt: number | null;
}

/** One scrape of a live deployment's `/metrics` and replica health (the view samples it every few seconds). */
export interface DeploymentStats {
  id: string;
  at: number;
  /** the version the replicas report serving (`/v2/models/{name}`) */
  servedVersion: string | null;
  replicas: { id: string; state: string; healthy: boolean; node: string | null; error: string | null }[];
  /** cumulative counters, so the view derives rates between scrapes */
  requests: number;
  errors: number;
  latencySum: number;
  /** cumulative histogram: [upper bound in seconds, count] */
  buckets: [number, number][];
  /** what could not be scraped, if anything */
  scrapeError: string | null;
}

export const deployInput = z
  .object({
    model: name,
    version: z.number().int().positive(),
    target: name,
    replicas: z.number().int().min(1).max(100).default(1),
    port: z.number().int().min(1).max(65535).optional(),
    gpus: z.number().int().min(0).max(64).default(0),
    /** Docker syntax: 512m, 2g, or bytes */
    memory: z
      .string()
      .regex(/^\d+(\.\d+)?[bkmgBKMG]?$/, 'memory must be a size like 512m or 2g')
      .optional(),
    cpus: z.number().positive().max(1024).optional(),
    jobId,
  })
  .strict();

const idInput = z.object({ id: z.union([z.string().min(1).max(100), z.number().int().positive()]) }).strict();

export const deployOps = {
  'targets:add': op<DeployTarget>()(targetInput),
  'targets:list': op<DeployTarget[]>()(empty),
  'targets:remove': op<{ removed: string }>()(z.object({ name }).strict()),
  /** build → push → roll out → wait healthy → smoke test → live; resolves `rolled-back` (not an error) when the gate fails */
  'deployments:create': op<Deployment>()(deployInput, { long: true }),
  'deployments:list': op<Deployment[]>()(z.object({ model: name.optional(), target: name.optional() }).strict()),
  'deployments:get': op<Deployment>()(idInput),
  /** returns to the deployment live before this one (its image, no rebuild) */
  'deployments:rollback': op<Deployment>()(idInput.extend({ jobId }).strict(), { long: true }),
  /** a live deployment: its service is removed; otherwise its record is deleted */
  'deployments:remove': op<{ id: string; removedService: boolean }>()(idInput),
  'deployments:stats': op<DeploymentStats>()(idInput),
};

export const deployEvents = {
  'deployments:changed': event<{ id: string; status: DeploymentStatus }>(),
};
