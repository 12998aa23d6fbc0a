import { describe, expect, it } from 'vitest';
import { scheduleStages, type StageOutcome } from '../../../../src/core/pipelines/schedule-stages.js';

// a → b → d, a → c → d, e alone
const edges: Record<string, string[]> = { a: [], b: ['a'], c: ['a'], d: ['b', 'c'], e: [] };
const order = ['a', 'b', 'c', 'd', 'e'];
const upstream = (s: string) => edges[s]!;
const tick = () => new Promise((r) => setTimeout(r, 5));

function harness(outcome: (s: string) => StageOutcome | Promise<StageOutcome> = () => 'done') {
  const events: string[] = [];
  let running = 0;
  let maxRunning = 0;
  const skipped: Record<string, [string, string]> = {};
  return {
    events,
    skipped,
    max: () => maxRunning,
    hooks: {
      async run(s: string) {
        events.push(`start ${s}`);
        running++;
        maxRunning = Math.max(maxRunning, running);
        await tick();
        running--;
        const o = await outcome(s);
        events.push(`end ${s}`);
        return o;
      },
      skip(s: string, o: 'not_run' | 'cancelled', why: string) {
        skipped[s] = [o, why];
      },
    },
  };
}

describe('scheduleStages', () => {
  it('starts a stage only after all its upstream stages ended, and independent ones side by side', async () => {
    const h = harness();
    const out = await scheduleStages(order, upstream, h.hooks, new AbortController().signal);
    expect([...out]).toEqual(order.map((s) => [s, 'done']));
    const at = (e: string) => h.events.indexOf(e);
    expect(at('start b')).toBeGreaterThan(at('end a'));
    expect(at('start d')).toBeGreaterThan(Math.max(at('end b'), at('end c')));
    // a and e have no upstream: both start before either ends
    expect(at('start e')).toBeLessThan(at('end a'));
    expect(h.max()).toBeGreaterThanOrEqual(2);
  });

  it('counts a cached upstream as success', async () => {
    const h = harness((s) => (s === 'a' ? 'cached' : 'done'));
    const out = await scheduleStages(order, upstream, h.hooks, new AbortController().signal);
    expect(out.get('d')).toBe('done');
  });

  it('does not run what follows a failed stage, and says which upstream', async () => {
    const h = harness((s) => (s === 'b' ? 'failed' : 'done'));
    const out = await scheduleStages(order, upstream, h.hooks, new AbortController().signal);
    expect(Object.fromEntries(out)).toEqual({ a: 'done', b: 'failed', c: 'done', d: 'not_run', e: 'done' });
    expect(h.skipped.d).toEqual(['not_run', 'not run: upstream stage "b" did not succeed']);
    expect(h.events).not.toContain('start d');
  });

  it('after a cancel, stages not yet started end cancelled without running', async () => {
    const ctrl = new AbortController();
    const h = harness((s) => {
      if (s === 'a') ctrl.abort();
      return s === 'a' ? 'cancelled' : 'done';
    });
    const out = await scheduleStages(['a', 'b', 'c'], (s) => (s === 'a' ? [] : ['a']), h.hooks, ctrl.signal);
    expect(Object.fromEntries(out)).toEqual({ a: 'cancelled', b: 'cancelled', c: 'cancelled' });
    expect(h.skipped.b).toEqual(['cancelled', 'the run was cancelled']);
    expect(h.events.filter((e) => e.startsWith('start'))).toEqual(['start a']);
  });

  it('a stage that throws counts as failed; the others still end before the error is rethrown', async () => {
    const h = harness((s) => {
      if (s === 'c') throw new Error('boom');
      return 'done';
    });
    await expect(scheduleStages(order, upstream, h.hooks, new AbortController().signal)).rejects.toThrow('boom');
    expect(h.events).toContain('end e');
    expect(h.events).toContain('end b');
    expect(h.skipped.d?.[0]).toBe('not_run');
  });
});
