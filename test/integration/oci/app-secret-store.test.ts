import { describe, it, expect, afterEach } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, type Core } from '../../../src/core/index.js';
import { aesTestCipher } from '../../helpers/aes-test-cipher.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { TestRegistry, htpasswdFile } from '../../helpers/oci-registry.js';

const tmp = useTempDir('push-secrets-');
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe('registry credentials kept by the desktop app', () => {
  it('are saved in Settings without a docker helper, encrypted under KILN_HOME, and used to push to a Basic-auth registry', async () => {
    const dir = tmp();
    const reg = new TestRegistry({ htpasswd: htpasswdFile(dir, 'ci', 'pa55-word-xyz') });
    cleanup.push(() => reg.dispose());
    await reg.start();
    const docker = join(dir, 'docker');
    mkdirSync(docker);
    const saved = process.env.DOCKER_CONFIG;
    process.env.DOCKER_CONFIG = docker; // empty: no helpers, no auths
    cleanup.push(() => {
      if (saved === undefined) delete process.env.DOCKER_CONFIG;
      else process.env.DOCKER_CONFIG = saved;
    });
    const home = join(dir, 'home');
    const core: Core = await createCore({ host: 'electron', kilnHome: home, secretCipher: aesTestCipher() });
    cleanup.push(() => core.close());
    const ws = join(dir, 'ws');
    mkdirSync(ws);
    await core.invoke('workspaces:create', { path: ws });
    mkdirSync(join(dir, 'd'));
    writeFileSync(join(dir, 'd', 'a.csv'), 'x,y\n1,2\n');
    await core.invoke('datasets:add', { dataset: 'd', source: { kind: 'paths', paths: [join(dir, 'd')] } });

    // without the credentials the registry refuses
    const denied = await core.invoke('datasets:push', { dataset: 'd', version: 1, target: `${reg.host}/p/d:1` }).catch((e: unknown) => e);
    expect((denied as { code?: string }).code).toBe('UNAUTHORIZED');

    const e = await core.invoke('registries:save', { host: reg.host, insecure: false, username: 'ci', password: 'pa55-word-xyz' });
    expect(e).toMatchObject({ credentials: 'app', username: 'ci' });
    const onDisk = readFileSync(join(home, 'credentials.enc'));
    expect(onDisk.includes('pa55')).toBe(false);
    expect(readFileSync(join(home, 'registries.json'), 'utf8')).not.toContain('pa55');

    const r = await core.invoke('datasets:push', { dataset: 'd', version: 1, target: `${reg.host}/p/d:1` });
    expect(r.digest).toMatch(/^sha256:/);
    expect((await core.invoke('registries:remove', { host: reg.host })).removed).toBe(true);
    expect((await core.invoke('registries:list', {})).find((x) => x.host === reg.host)).toBeUndefined();
  });
});
