import { SERVING_PORT, type RolloutSpec } from '../adapter.js';

/** The attachable overlay network every Kiln service joins: tasks reach each other (and probes reach them) by name. */
export const SERVING_NETWORK = 'kiln-serving';

const S = 1e9; // Swarm durations are nanoseconds

/**
 * The health check runs the image's own node: the base image is the user's choice and may have
 * no curl or wget, but it has node (the server needs it).
 */
export const HEALTHCHECK_SCRIPT = `fetch('http://127.0.0.1:${SERVING_PORT}/v2/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))`;

export interface SwarmSpecOptions {
  publishMode: 'ingress' | 'host';
  /** seconds Swarm watches each updated task for a failure before moving on */
  monitorSeconds?: number;
}

/**
 * The Engine API ServiceSpec for one rollout. Start-first (the new task healthy before the old one
 * stops) where the port mode allows it: a host-mode port is held by the old task on its node, so
 * there the update must stop first. `endpoint-mode dnsrr` with host ports, VIP with the ingress mesh.
 */
export function buildServiceSpec(spec: RolloutSpec, o: SwarmSpecOptions): Record<string, unknown> {
  const hostPorts = o.publishMode === 'host';
  const order = hostPorts && spec.port !== null ? 'stop-first' : 'start-first';
  const monitor = (o.monitorSeconds ?? 4) * S;
  const limits: Record<string, number> = {};
  if (spec.memoryBytes !== null) limits.MemoryBytes = spec.memoryBytes;
  if (spec.cpus !== null) limits.NanoCPUs = Math.round(spec.cpus * 1e9);
  const reservations: Record<string, unknown> = {};
  // Swarm schedules GPUs as node generic resources (dockerd --node-generic-resource NVIDIA-GPU=…)
  if (spec.gpus > 0) reservations.GenericResources = [{ DiscreteResourceSpec: { Kind: 'NVIDIA-GPU', Value: spec.gpus } }];
  return {
    Name: spec.service,
    Labels: spec.labels,
    TaskTemplate: {
      ContainerSpec: {
        Image: spec.image,
        // a new deployment id changes the task template, so a redeploy of the same image still rolls
        Labels: { ...spec.labels },
        // draining (ready=503 while still answering) only helps where another replica takes over
        Env: [`KILN_DEPLOYMENT=${spec.deploymentId}`, `KILN_DRAIN_MS=${order === 'stop-first' ? 0 : 2000}`],
        // generous timeout and retries: on a busy node starting a node process for the check can take seconds,
        // and a replica killed for a slow check is an outage of its own
        Healthcheck: { Test: ['CMD', 'node', '-e', HEALTHCHECK_SCRIPT], Interval: 1 * S, Timeout: 10 * S, Retries: 5, StartPeriod: 30 * S },
        StopGracePeriod: 10 * S,
      },
      Resources: { Limits: limits, Reservations: reservations },
      RestartPolicy: { Condition: 'any', Delay: 1 * S, MaxAttempts: 0 },
      Networks: [{ Target: SERVING_NETWORK, Aliases: [spec.service] }],
    },
    Mode: { Replicated: { Replicas: spec.replicas } },
    UpdateConfig: { Parallelism: 1, Delay: 0, FailureAction: 'rollback', Monitor: monitor, MaxFailureRatio: 0, Order: order },
    RollbackConfig: { Parallelism: 0, Delay: 0, FailureAction: 'pause', Monitor: monitor, MaxFailureRatio: 0, Order: order },
    EndpointSpec: {
      // the ingress mesh needs a VIP; host-mode ports (and meshless clusters) resolve tasks by DNS round robin
      Mode: hostPorts ? 'dnsrr' : 'vip',
      Ports: spec.port === null ? [] : [{ Protocol: 'tcp', TargetPort: SERVING_PORT, PublishedPort: spec.port, PublishMode: hostPorts ? 'host' : 'ingress' }],
    },
  };
}
