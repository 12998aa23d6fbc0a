import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let built: Promise<string> | null = null;

/** Bundles the serving server (as `npm run build` does) into a temp folder; returns the folder. */
export function buildServingForTests(): Promise<string> {
  built ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiln-serving-bundle-'));
    // @ts-expect-error: a plain .mjs build script, no types
    const { buildServing } = (await import('../../scripts/build-serving.mjs')) as { buildServing: (out: string, cwd?: string) => Promise<string> };
    await buildServing(join(dir, 'server.js'), process.cwd());
    return dir;
  })();
  return built;
}
