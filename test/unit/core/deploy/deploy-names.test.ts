import { describe, expect, it } from 'vitest';
import { parseMemory, serviceName } from '../../../../src/core/deploy/deploy-names.js';
import { imageRef } from '../../../../src/core/deploy/serving-image.js';
import { histogramQuantile, parseServingMetrics } from '../../../../src/core/deploy/scrape-metrics.js';
import { ServingMetrics } from '../../../../resources/serving/src/metrics.js';

describe('deploy names and sizes', () => {
  it('service names are per model and workspace, valid Swarm/DNS names', () => {
    const a = serviceName('My_Model.v2', '/ws/a');
    expect(a).toMatch(/^kiln-my-model-v2-[0-9a-f]{6}$/);
    expect(serviceName('My_Model.v2', '/ws/b')).not.toBe(a);
    expect(serviceName('x', '/ws/a')).toBe(serviceName('x', '/ws/a'));
  });
  it('image refs carry version and digest under the registry prefix', () => {
    expect(imageRef('127.0.0.1:5000/kiln/', 'Digits', 3, 'sha256:0123456789abcdef')).toEqual({ repo: '127.0.0.1:5000/kiln/digits', tag: '3-0123456789ab' });
    expect(imageRef(null, 'd', 1, 'sha256:aa').repo).toBe('kiln-serving/d');
  });
  it('memory sizes in Docker syntax, refusing nonsense and sizes Docker refuses', () => {
    expect(parseMemory('512m')).toBe(512 * 1048576);
    expect(parseMemory('2g')).toBe(2 * 1024 ** 3);
    expect(parseMemory(undefined)).toBeNull();
    expect(() => parseMemory('lots')).toThrow(/not a size/);
    expect(() => parseMemory('1m')).toThrow(/6 MiB minimum/);
  });
});

describe('serving metrics', () => {
  it('render → parse round trip: requests, errors, histogram, version', () => {
    const m = new ServingMetrics('digits', '4');
    m.observe(200, 0.002);
    m.observe(200, 0.02);
    m.observe(400, 0.0005);
    const s = parseServingMetrics(m.render());
    expect(s).toMatchObject({ servedVersion: '4', requests: 3, errors: 1 });
    expect(s.latencySum).toBeCloseTo(0.0225, 6);
    expect(s.buckets.at(-1)).toEqual([Infinity, 3]);
    expect(m.render()).toMatch(/^kiln_inference_requests_total\{model="digits",version="4",code="200"\} 2$/m);
  });
  it('quantiles interpolate inside the bucket, null without observations', () => {
    expect(
      histogramQuantile(0.5, [
        [0.01, 0],
        [0.1, 10],
        [Infinity, 10],
      ]),
    ).toBeCloseTo(0.055, 6);
    expect(histogramQuantile(0.95, [])).toBeNull();
  });
});
