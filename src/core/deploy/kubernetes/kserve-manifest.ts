import type { RolloutSpec } from '../adapter.js';
import { labels, servingContainer } from './manifests.js';

export const KSERVE_API = 'serving.kserve.io/v1beta1';
/** The label KServe puts on an InferenceService's pods. */
export const KSERVE_POD_LABEL = 'serving.kserve.io/inferenceservice';

/**
 * serving.kserve.io/v1beta1 InferenceService with a custom predictor: Kiln's serving container
 * (OIP v2 on 8080, readiness on /v2/health/ready, nvidia.com/gpu limits) as `kserve-container`,
 * a fixed replica count (min = max), and the protocol named so KServe routes v2 paths.
 */
export function inferenceServiceManifest(spec: RolloutSpec, namespace: string): Record<string, unknown> {
  return {
    apiVersion: KSERVE_API,
    kind: 'InferenceService',
    metadata: {
      name: spec.service,
      namespace,
      labels: labels(spec),
      annotations: { 'kiln.dev/deployment': spec.deploymentId, 'kiln.dev/version': String(spec.version) },
    },
    spec: {
      predictor: {
        minReplicas: spec.replicas,
        maxReplicas: spec.replicas,
        containers: [
          {
            ...servingContainer(spec, 'kserve-container'),
            env: [
              { name: 'KILN_DEPLOYMENT', value: spec.deploymentId },
              { name: 'PROTOCOL', value: 'v2' },
            ],
          },
        ],
      },
    },
  };
}
