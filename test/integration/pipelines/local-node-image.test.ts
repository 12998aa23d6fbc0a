import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Docker from 'dockerode';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/core/index.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { kiln } from '../../helpers/kiln-cli.js';
import { pipelineWorkspace } from './pipeline-workspace.js';

// A node image no registry has (offline: no registry at all), and a repository for the local one
// apart from a user's kiln-local/node. No skip: without an engine these tests fail.
const UNPULLABLE = `node:kiln-test-missing-${process.pid}`;
const env = { KILN_LOCAL_NODE_IMAGE: 'kiln-test/local-node' };
const YAML = `stages:
  hello:
    image: ${UNPULLABLE}
    cmd: [node, -e, "require('fs').writeFileSync('out/v.txt', process.version)"]
    outputs: [out]
`;

describe('a node image that cannot be pulled (issue 10, item 1)', () => {
  const tmp = useTempDir('kiln-local-image-');
  let core: Core | null = null;
  afterEach(async () => {
    await core?.close();
    core = null;
  });

  it('is reported as unpullable, fails a run by default with what to do, and builds and runs with localImage: build', async () => {
    await new Docker()
      .getImage(`kiln-test/local-node:${process.versions.node}`)
      .remove()
      .catch(() => undefined);
    const dir = tmp();
    core = await pipelineWorkspace(dir, YAML, env);
    const [check] = await core.invoke('pipelines:images', {});
    expect(check).toMatchObject({ image: UNPULLABLE, stages: ['hello'], state: 'unpullable', canBuildLocal: true });
    expect(check!.message).toMatch(/could not be pulled .*build an equivalent local image from this machine's node/);

    const refused = await core.invoke('pipelines:run', {});
    expect(refused.status).toBe('failed');
    expect(refused.error).toMatch(/could not be pulled .*kiln run --build-local-image/);

    const progress: string[] = [];
    core.on('jobs:progress', (e) => e.message && progress.push(e.message));
    const r = await core.invoke('pipelines:run', { localImage: 'build' });
    expect(r.status).toBe('done');
    expect(readFileSync(join(dir, 'ws', 'out', 'v.txt'), 'utf8')).toBe(process.version);
    expect(progress.some((m) => /could not be pulled.*building an equivalent image/.test(m))).toBe(true);
    const info = await new Docker().getImage(`kiln-test/local-node:${process.versions.node}`).inspect();
    expect(info.Config.Labels?.['kiln.local-node']).toBe(process.versions.node);

    // from now on the local image stands in, with no pull attempt and no rebuild
    const [after] = await core.invoke('pipelines:images', {});
    expect(after).toMatchObject({ state: 'local', substitute: `kiln-test/local-node:${process.versions.node}` });
    const again = await core.invoke('pipelines:run', {});
    expect(again.stages[0]!.status).toBe('cached');
  }, 240_000);

  it('kiln doctor names the image and its fix; kiln init --example then kiln run (no terminal) builds it and succeeds', async () => {
    const dir = tmp();
    const cliEnv = { ...env, KILN_HOME: join(dir, 'home'), KILN_EXAMPLE_IMAGE: UNPULLABLE };
    await new Docker()
      .getImage(`kiln-test/local-node:${process.versions.node}`)
      .remove({ force: true })
      .catch(() => undefined);
    expect((await kiln(['init', '--example', join(dir, 'ex')], { env: cliEnv })).code).toBe(0);
    const doc = await kiln(['doctor'], { cwd: join(dir, 'ex'), env: cliEnv });
    expect(doc.code).toBe(1);
    expect(doc.stdout).toMatch(
      new RegExp(
        `FAIL image +image "${UNPULLABLE}" is not on this machine and could not be pulled .*kiln doctor --build-local-image.*\\(prepare, train, evaluate\\)`,
      ),
    );

    const run = await kiln(['run', '--no-logs'], { cwd: join(dir, 'ex'), env: cliEnv, timeoutMs: 400_000 });
    expect(run.stderr).toMatch(/building an equivalent image from this machine's node/);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/✓ evaluate +done/);
    const fixed = await kiln(['doctor'], { cwd: join(dir, 'ex'), env: cliEnv });
    expect(fixed.stdout).toMatch(/ok +image +.*kiln-test\/local-node:[\d.]+, built from this machine's node .* stands in for it/);
  }, 420_000);
});
