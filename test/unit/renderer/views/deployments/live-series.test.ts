import { describe, expect, it } from 'vitest';
import type { Deployment, DeploymentStats } from '../../../../../src/shared/contract/index.js';
import { livePoint, liveSeries } from '../../../../../src/renderer/views/deployments/live-series.js';
import { groupDeployments } from '../../../../../src/renderer/views/deployments/group-deployments.js';
import { phaseText, stepOf } from '../../../../../src/renderer/views/deployments/deploy-phases.js';

const scrape = (at: number, requests: number, errors: number, buckets: [number, number][], scrapeError: string | null = null): DeploymentStats => ({
  id: 'dep-1',
  at,
  servedVersion: '2',
  replicas: [],
  requests,
  errors,
  latencySum: 0,
  buckets,
  scrapeError,
});

describe('live series from cumulative scrapes', () => {
  it('rate, quantiles and error rate are those of the interval, not of all time', () => {
    const a = scrape(0, 100, 0, [
      [0.01, 100],
      [0.1, 100],
      [Infinity, 100],
    ]);
    // 20 requests in 2 s, all between 10 and 100 ms, 5 of them failed
    const b = scrape(2000, 120, 5, [
      [0.01, 100],
      [0.1, 120],
      [Infinity, 120],
    ]);
    const p = livePoint(a, b)!;
    expect(p.t).toBe(2000);
    expect(p.rate).toBe(10);
    expect(p.errorRate).toBe(0.25);
    expect(p.p50).toBeGreaterThan(0.01);
    expect(p.p50).toBeLessThan(p.p95!);
    expect(p.p95).toBeLessThanOrEqual(0.1);
  });
  it('an idle interval has a rate of 0 and no latency; the +Inf bound may arrive as null (JSON)', () => {
    const inf = null as unknown as number;
    const a = scrape(0, 5, 0, [[inf, 5]]);
    const b = scrape(1000, 5, 0, [[inf, 5]]);
    expect(livePoint(a, b)).toEqual({ t: 1000, rate: 0, p50: null, p95: null, errorRate: null });
  });
  it('a counter that went down (replica restarted) counts from zero; failed scrapes make no point', () => {
    const a = scrape(0, 50, 3, [[0.1, 50]]);
    const b = scrape(1000, 4, 1, [[0.1, 4]]);
    expect(livePoint(a, b)).toMatchObject({ rate: 4, errorRate: 0.25 });
    const broken = scrape(2000, 0, 0, [], 'connection refused');
    const c = scrape(3000, 10, 1, [[0.1, 10]]);
    expect(liveSeries([a, b, broken, c]).map((p) => p.t)).toEqual([1000]);
  });
});

describe('deployment groups', () => {
  const dep = (seq: number, model: string, target: string, status: Deployment['status']) => ({ id: `d${seq}`, seq, model, target, status }) as Deployment;
  it('one group per model and target; the live one stands for it, else the newest', () => {
    const g = groupDeployments([dep(4, 'm', 'a', 'rolled-back'), dep(3, 'm', 'a', 'live'), dep(2, 'm', 'b', 'failed'), dep(1, 'n', 'a', 'superseded')]);
    expect(g.map((x) => [x.current.id, x.count])).toEqual([
      ['d3', 2],
      ['d2', 1],
      ['d1', 1],
    ]);
  });
});

describe('deploy dialog phases', () => {
  it('maps each core job phase to its step, in order', () => {
    expect(['checking the target', 'build', 'push', 'rollout', 'smoke test'].map(stepOf)).toEqual([0, 1, 2, 3, 4]);
    expect(stepOf(undefined)).toBe(-1);
    expect(stepOf('rollback')).toBe(-1);
  });
  it('words every core phase for the progress bar, and passes an unknown one through', () => {
    expect(['checking the target', 'build', 'push', 'rollout', 'smoke test', 'rollback'].map(phaseText)).toEqual([
      'checking the target…',
      'building image…',
      'pushing image…',
      'rolling out…',
      'running the smoke test…',
      'rolling back…',
    ]);
    expect(phaseText('starting')).toBe('starting');
  });
});
