import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Core } from '../../../src/core/index.js';
import { dockerAvailable } from '../../helpers/docker.js';
import { REGISTRY, registryAvailable } from '../../helpers/registry.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { busyboxImage } from '../../helpers/test-images.js';
import { pipelineWorkspace } from './pipeline-workspace.js';

const ready = (await dockerAvailable()) && (await registryAvailable());

describe.skipIf(!ready)('a missing image is pulled from a registry', () => {
  const tmp = useTempDir('kiln-pull-');
  let core: Core | null = null;
  const refs: string[] = [];
  afterEach(async () => {
    await core?.close();
    core = null;
    for (const r of refs.splice(0)) execFileSync('docker', ['image', 'rm', '-f', r], { stdio: 'ignore' });
  });

  it('pulls it with progress, then runs the stage on it', async () => {
    // a real push to the local registry, then the local copy removed: the engine must pull it back
    const ref = `${REGISTRY}/kiln-test/pull-${randomBytes(4).toString('hex')}:1`;
    refs.push(ref);
    execFileSync('docker', ['tag', await busyboxImage(), ref]);
    execFileSync('docker', ['push', '-q', ref], { stdio: 'ignore' });
    execFileSync('docker', ['image', 'rm', ref], { stdio: 'ignore' });

    core = await pipelineWorkspace(
      tmp(),
      `stages:\n  hello:\n    image: ${ref}\n    cmd: [sh, -c, 'mkdir -p out && echo pulled > out/x']\n    outputs: [out]\n`,
    );
    const messages: string[] = [];
    core.on('jobs:progress', (p) => {
      if (p.message) messages.push(p.message);
    });
    const r = await core.invoke('pipelines:run', {});
    expect(r.stages[0]).toMatchObject({ status: 'done', exitCode: 0 });
    expect(messages.some((m) => m.includes(`pulling ${ref}`))).toBe(true);
    // the engine has it again: it was pulled, not found lying around
    expect(execFileSync('docker', ['image', 'inspect', '--format', '{{index .RepoTags 0}}', ref], { encoding: 'utf8' }).trim()).toBe(ref);
  });

  it('an image the registry does not have is IMAGE_NOT_FOUND naming the image and why', async () => {
    const ref = `${REGISTRY}/kiln-test/absent-${randomBytes(4).toString('hex')}:1`;
    core = await pipelineWorkspace(tmp(), `stages:\n  hello:\n    image: ${ref}\n    cmd: [echo, hi]\n`);
    const r = await core.invoke('pipelines:run', {}).catch((e: unknown) => e);
    const text = JSON.stringify(r);
    expect(text).toContain(ref);
    expect(text).toMatch(/could not be pulled/);
  });
});
