import { SERVING_PORT, type RolloutSpec } from '../adapter.js';

export const INSTANCE_LABEL = 'app.kubernetes.io/instance';

const quantityMi = (bytes: number) => `${Math.max(1, Math.round(bytes / 1048576))}Mi`;

export function labels(spec: RolloutSpec): Record<string, string> {
  return { 'app.kubernetes.io/name': 'kiln-serving', [INSTANCE_LABEL]: spec.service, 'app.kubernetes.io/managed-by': 'kiln', 'kiln.dev/model': spec.model };
}

/**
 * The serving container: readiness on /v2/health/ready, liveness on /v2/health/live, limits
 * (GPUs as nvidia.com/gpu). Shared by the Deployment and the KServe predictor.
 */
export function servingContainer(spec: RolloutSpec, name = 'server'): Record<string, unknown> {
  const limits: Record<string, string> = {};
  if (spec.memoryBytes !== null) limits.memory = quantityMi(spec.memoryBytes);
  if (spec.cpus !== null) limits.cpu = `${Math.round(spec.cpus * 1000)}m`;
  if (spec.gpus > 0) limits['nvidia.com/gpu'] = String(spec.gpus);
  return {
    name,
    image: spec.image,
    ports: [{ name: 'http', containerPort: SERVING_PORT, protocol: 'TCP' }],
    env: [{ name: 'KILN_DEPLOYMENT', value: spec.deploymentId }],
    readinessProbe: { httpGet: { path: '/v2/health/ready', port: 'http' }, periodSeconds: 2, failureThreshold: 3 },
    livenessProbe: { httpGet: { path: '/v2/health/live', port: 'http' }, initialDelaySeconds: 10, periodSeconds: 10 },
    resources: { limits },
  };
}

/**
 * apps/v1 Deployment: rolling update with no unavailable replica (maxUnavailable 0), the serving
 * container, and a deadline after which the rollout counts as failed (ProgressDeadlineExceeded)
 * and Kiln rolls it back.
 */
export function deploymentManifest(spec: RolloutSpec, namespace: string, progressDeadlineSeconds = 120): Record<string, unknown> {
  const l = labels(spec);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: spec.service, namespace, labels: l, annotations: { 'kiln.dev/deployment': spec.deploymentId, 'kiln.dev/version': String(spec.version) } },
    spec: {
      replicas: spec.replicas,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds,
      selector: { matchLabels: { [INSTANCE_LABEL]: spec.service } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: { labels: l, annotations: { 'kiln.dev/deployment': spec.deploymentId } },
        spec: { containers: [servingContainer(spec)] },
      },
    },
  };
}

/** v1 Service: ClusterIP on the serving port, or a LoadBalancer on --port. */
export function serviceManifest(spec: Pick<RolloutSpec, 'service' | 'port' | 'model'>, namespace: string): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: spec.service,
      namespace,
      labels: {
        'app.kubernetes.io/name': 'kiln-serving',
        [INSTANCE_LABEL]: spec.service,
        'app.kubernetes.io/managed-by': 'kiln',
        'kiln.dev/model': spec.model,
      },
    },
    spec: {
      type: spec.port === null ? 'ClusterIP' : 'LoadBalancer',
      selector: { [INSTANCE_LABEL]: spec.service },
      ports: [{ name: 'http', port: spec.port ?? SERVING_PORT, targetPort: 'http', protocol: 'TCP' }],
    },
  };
}
