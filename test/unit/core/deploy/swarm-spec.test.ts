import { describe, expect, it } from 'vitest';
import { buildServiceSpec, SERVING_NETWORK } from '../../../../src/core/deploy/swarm/swarm-spec.js';
import type { RolloutSpec } from '../../../../src/core/deploy/adapter.js';

const spec: RolloutSpec = {
  service: 'kiln-digits-abc123',
  image: 'r/kiln/digits:1-x@sha256:1',
  model: 'digits',
  version: 1,
  deploymentId: 'dep-1',
  replicas: 2,
  port: 8088,
  gpus: 0,
  memoryBytes: null,
  cpus: null,
  labels: { 'kiln.deploy': '1' },
};
type Spec = { TaskTemplate: any; UpdateConfig: any; RollbackConfig: any; EndpointSpec: any; Mode: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('Swarm service spec', () => {
  it('host-mode ports: dnsrr, stop-first (the old task holds the port), rollback on failure with a monitor window', () => {
    const s = buildServiceSpec(spec, { publishMode: 'host' }) as unknown as Spec;
    expect(s.EndpointSpec).toEqual({ Mode: 'dnsrr', Ports: [{ Protocol: 'tcp', TargetPort: 8080, PublishedPort: 8088, PublishMode: 'host' }] });
    expect(s.UpdateConfig).toMatchObject({ FailureAction: 'rollback', Order: 'stop-first', Parallelism: 1 });
    expect(s.UpdateConfig.Monitor).toBeGreaterThan(0);
    expect(s.Mode).toEqual({ Replicated: { Replicas: 2 } });
    expect(s.TaskTemplate.ContainerSpec.Healthcheck.Test.slice(0, 2)).toEqual(['CMD', 'node']);
    expect(s.TaskTemplate.ContainerSpec.Healthcheck.Test[3]).toContain('/v2/health/ready');
    expect(s.TaskTemplate.Networks).toEqual([{ Target: SERVING_NETWORK, Aliases: ['kiln-digits-abc123'] }]);
  });

  it('ingress (the default on real clusters): VIP and start-first', () => {
    const s = buildServiceSpec(spec, { publishMode: 'ingress' }) as unknown as Spec;
    expect(s.EndpointSpec.Mode).toBe('vip');
    expect(s.EndpointSpec.Ports[0].PublishMode).toBe('ingress');
    expect(s.UpdateConfig.Order).toBe('start-first');
  });

  it('no published port: start-first even on a host-mode target, with draining replicas', () => {
    const s = buildServiceSpec({ ...spec, port: null }, { publishMode: 'host' }) as unknown as Spec;
    expect(s.EndpointSpec).toEqual({ Mode: 'dnsrr', Ports: [] });
    expect(s.UpdateConfig.Order).toBe('start-first');
    expect(s.TaskTemplate.ContainerSpec.Env).toContain('KILN_DRAIN_MS=2000');
  });

  it('limits and GPUs as generic resources', () => {
    const s = buildServiceSpec({ ...spec, memoryBytes: 512 * 1048576, cpus: 1.5, gpus: 2 }, { publishMode: 'host' }) as unknown as Spec;
    expect(s.TaskTemplate.Resources.Limits).toEqual({ MemoryBytes: 512 * 1048576, NanoCPUs: 1.5e9 });
    expect(s.TaskTemplate.Resources.Reservations.GenericResources).toEqual([{ DiscreteResourceSpec: { Kind: 'NVIDIA-GPU', Value: 2 } }]);
  });
});
