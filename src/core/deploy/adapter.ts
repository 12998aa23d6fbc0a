import type { DeploymentStats } from '../../shared/contract/index.js';

/** The port the serving image listens on inside its container. */
export const SERVING_PORT = 8080;

/** What to run: one model version's serving image, with its replicas and limits. */
export interface RolloutSpec {
  /** Swarm service / Kubernetes Deployment name */
  service: string;
  /** pinned by digest where the registry gave one */
  image: string;
  model: string;
  version: number;
  deploymentId: string;
  replicas: number;
  /** published port; null = reachable inside the cluster only */
  port: number | null;
  gpus: number;
  memoryBytes: number | null;
  cpus: number | null;
  /** labels to put on every object Kiln creates, so it finds (and removes) only its own */
  labels: Record<string, string>;
}

export type RolloutOutcome =
  | { ok: true }
  /** the orchestrator rolled back (or removed the service when nothing served before) */
  | { ok: false; rolledBack: boolean; reason: string };

export interface ReplicaHealth {
  id: string;
  state: string;
  healthy: boolean;
  node: string | null;
  error: string | null;
}

/** One interface over Swarm and Kubernetes: the deploy flow never asks which it talks to. */
export interface DeployAdapter {
  readonly kind: 'swarm' | 'kubernetes';
  /** refuses early with a clear message: not a manager, context missing, port taken… */
  preflight(spec: RolloutSpec): Promise<void>;
  /** the image running now under this name, or null when nothing is deployed */
  currentImage(service: string): Promise<string | null>;
  /** creates or updates, then waits until healthy or rolled back by the orchestrator */
  rollout(spec: RolloutSpec, signal: AbortSignal, onPhase: (message: string) => void): Promise<RolloutOutcome>;
  /** where clients reach the service (null when unpublished) */
  url(spec: Pick<RolloutSpec, 'service' | 'port'>): string | null;
  /**
   * An HTTP request to one of the service's replicas: straight to the published URL when there
   * is one, else from inside the cluster network.
   */
  request(spec: Pick<RolloutSpec, 'service' | 'port' | 'image'>, path: string, body?: unknown): Promise<{ status: number; text: string }>;
  replicas(service: string): Promise<ReplicaHealth[]>;
  /** removes the service; true when one existed */
  remove(service: string): Promise<boolean>;
}

export type ScrapedStats = Omit<DeploymentStats, 'id' | 'at' | 'replicas'>;
