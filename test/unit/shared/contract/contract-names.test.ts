import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { z } from 'zod';
import { eventNames, isLongOp, opNames, operations, KilnError } from '../../../../src/shared/contract/index.js';
import { createCore } from '../../../../src/core/index.js';

// Singletons keep a singular prefix (there is one app, one engine); every collection is plural.
const DOMAINS = ['app', 'engine', 'gpus', 'workspaces', 'jobs', 'datasets', 'pipelines', 'runs', 'metrics', 'models', 'registries'];

/** The jobId field of an op's input; a union (e.g. register from a folder or a run) must carry it in every branch. */
function jobIdField(input: z.ZodType): z.ZodType | undefined {
  const options = (input as unknown as { options?: z.ZodType[] }).options;
  if (options) {
    const fields = options.map(jobIdField);
    return fields.every((f) => f) ? fields[0] : undefined;
  }
  return ((input as unknown as z.ZodObject).shape as Record<string, z.ZodType> | undefined)?.jobId;
}

describe('the contract', () => {
  it('names every operation and event `domain:verb` with one of the known domains', () => {
    for (const n of [...opNames, ...eventNames]) {
      const [domain, verb, ...rest] = n.split(':');
      expect(rest, n).toEqual([]);
      expect(DOMAINS, n).toContain(domain);
      expect(verb, n).toMatch(/^[a-z]+(-[a-z]+)*$/);
    }
  });

  it('declares `long` exactly for the operations that let the caller choose a jobId', () => {
    for (const n of opNames) {
      const jobId = jobIdField(operations[n].input as unknown as z.ZodType);
      // optional: a long op runs without one (core names the job); jobs:cancel's required jobId names another op's job
      expect(isLongOp(n), n).toBe(!!jobId && jobId.safeParse(undefined).success);
    }
    expect(isLongOp('pipelines:run')).toBe(true);
    expect(isLongOp('runs:get')).toBe(false);
  });

  it('app:pick-folder is UNSUPPORTED where the host has no native picker, and answered by the host where it has', async () => {
    const home = mkdtempSync(join(tmpdir(), 'kiln-home-'));
    const plain = await createCore({ host: 'server', kilnHome: home });
    const e = await plain.invoke('app:pick-folder', {}).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(KilnError);
    expect((e as KilnError).code).toBe('UNSUPPORTED');
    await plain.close();
    const desktop = await createCore({ host: 'electron', kilnHome: home, pickFolder: async () => '/chosen' });
    expect(await desktop.invoke('app:pick-folder', {})).toBe('/chosen');
    await desktop.close();
  });
});
