import { describe, it, expect } from 'vitest';
import { mkdirSync, writeFileSync, chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lookupCredential, normalizeServer, readDockerConfig } from '../../../../src/core/oci/docker-config.js';
import { useTempDir } from '../../../helpers/temp-dir.js';

const tmp = useTempDir('push-dcfg-');

/** A real docker-credential-* program speaking the helper protocol (stdin server URL, JSON on stdout). */
function helper(dir: string, name: string, secrets: Record<string, [string, string]>): void {
  const bin = join(dir, `docker-credential-${name}`);
  writeFileSync(
    bin,
    `#!/usr/bin/env node
const fs = require('fs');
const action = process.argv[2];
const input = fs.readFileSync(0, 'utf8').trim();
const table = ${JSON.stringify(secrets)};
if (action === 'store') { fs.writeFileSync(${JSON.stringify(join(dir, `stored-${name}.json`))}, input); process.exit(0); }
if (action !== 'get') process.exit(0);
const hit = table[input];
if (!hit) { process.stdout.write('credentials not found in native keychain'); process.exit(1); }
process.stdout.write(JSON.stringify({ ServerURL: input, Username: hit[0], Secret: hit[1] }));
`,
  );
  chmodSync(bin, 0o755);
}

async function withPath<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const saved = process.env.PATH;
  process.env.PATH = `${dir}:${saved}`;
  try {
    return await fn();
  } finally {
    process.env.PATH = saved;
  }
}

describe('docker config credentials', () => {
  it('reads auths in base64 and plain form, whatever the key spelling', async () => {
    const cfg = {
      auths: {
        'https://reg.example:5000/v1/': { auth: Buffer.from('ci:s3:cret').toString('base64') },
        'other.example': { username: 'u', password: 'p' },
        'tok.example': { identitytoken: 'refresh' },
      },
    };
    expect(await lookupCredential('reg.example:5000', cfg)).toEqual({ username: 'ci', password: 's3:cret' });
    expect(await lookupCredential('other.example', cfg)).toEqual({ username: 'u', password: 'p' });
    expect(await lookupCredential('tok.example', cfg)).toEqual({ identityToken: 'refresh' });
    expect(await lookupCredential('none.example', cfg)).toBeNull();
    expect(normalizeServer('https://index.docker.io/v1/')).toBe('index.docker.io');
  });

  it('asks credHelpers first, then credsStore, through the helper protocol', async () => {
    const dir = tmp();
    helper(dir, 'kilnfirst', { 'a.example': ['alice', 'pa'] });
    helper(dir, 'kilnstore', { 'b.example': ['bob', 'pb'], 'c.example': ['<token>', 'idtok'] });
    const cfg = {
      credHelpers: { 'a.example': 'kilnfirst' },
      credsStore: 'kilnstore',
      auths: { 'd.example': { auth: Buffer.from('dan:pd').toString('base64') } },
    };
    await withPath(dir, async () => {
      expect(await lookupCredential('a.example', cfg)).toEqual({ username: 'alice', password: 'pa' });
      expect(await lookupCredential('b.example', cfg)).toEqual({ username: 'bob', password: 'pb' });
      expect(await lookupCredential('c.example', cfg)).toEqual({ identityToken: 'idtok' });
      // the store has nothing for it: auths still answer
      expect(await lookupCredential('d.example', cfg)).toEqual({ username: 'dan', password: 'pd' });
    });
  });

  it('says which helper is missing', async () => {
    await expect(lookupCredential('x.example', { credsStore: 'kiln-not-installed' })).rejects.toThrow(/docker-credential-kiln-not-installed/);
  });

  it('names the file when config.json is broken, and reads nothing when it is absent', () => {
    const dir = tmp();
    expect(readDockerConfig(dir)).toEqual({});
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'config.json'), '{ not json');
    expect(() => readDockerConfig(dir)).toThrow(/config\.json is not valid JSON/);
    void readFileSync;
  });
});
