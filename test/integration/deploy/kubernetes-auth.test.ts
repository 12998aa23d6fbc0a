import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeployTarget } from '../../../src/shared/contract/index.js';
import type { RolloutSpec } from '../../../src/core/deploy/adapter.js';
import { kubernetesAdapter } from '../../../src/core/deploy/kubernetes/kubernetes-adapter.js';
import { FakeKubeApi } from '../../helpers/fake-kube-api.js';

/**
 * Credentials go through @kubernetes/client-node: an exec credential plugin (as EKS and GKE use)
 * whose token the FAKE API server requires, and a client certificate checked by a real TLS server
 * against a CA made here with openssl.
 */
describe('Kubernetes credentials through client-node', () => {
  let dir: string;
  let fake: FakeKubeApi;
  const target = (kubeconfig: string, context = 'c'): DeployTarget => ({
    name: 't',
    kind: 'kubernetes',
    dockerHost: null,
    context,
    namespace: 'ml',
    kubeconfig,
    registry: null,
    baseImage: 'node',
    publishMode: 'ingress',
    kserve: false,
    createdAt: 0,
  });
  const spec = {} as RolloutSpec;
  const kubeconfig = (name: string, cluster: string, user: string): string => {
    const file = join(dir, name);
    writeFileSync(
      file,
      `apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters:\n- name: c\n  cluster:\n${cluster}\ncontexts:\n- name: c\n  context:\n    cluster: c\n    user: u\nusers:\n- name: u\n  user:\n${user}\n`,
    );
    return file;
  };
  const indent = (yaml: string) =>
    yaml
      .split('\n')
      .map((l) => `    ${l}`)
      .join('\n');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-k8s-auth-'));
    fake = new FakeKubeApi({ namespaces: ['ml'], healthy: () => true, backend: () => null, token: 'from-exec-plugin' });
    await fake.start();
  });
  afterAll(async () => {
    await fake?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs an exec credential plugin and sends its token', async () => {
    const plugin = join(dir, 'plugin.sh');
    writeFileSync(
      plugin,
      '#!/bin/sh\necho run >> "$0.runs"\nprintf \'{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"%s"}}\' "$KILN_TEST_TOKEN"\n',
    );
    chmodSync(plugin, 0o755);
    const file = kubeconfig(
      'exec',
      indent(`server: ${fake.url}\ninsecure-skip-tls-verify: true`),
      indent(`exec:\n  apiVersion: client.authentication.k8s.io/v1beta1\n  command: ${plugin}\n  env:\n  - name: KILN_TEST_TOKEN\n    value: from-exec-plugin`),
    );
    const adapter = await kubernetesAdapter(target(file), {});
    await adapter.preflight(spec);
    expect(await adapter.currentImage('digits')).toBeNull();
    expect(fake.authorizations.slice(-2)).toEqual(['Bearer from-exec-plugin', 'Bearer from-exec-plugin']);
    expect(readFileSync(`${plugin}.runs`, 'utf8')).toMatch(/run/);
  });

  it('is refused with another token, and a failing plugin is named', async () => {
    const wrong = kubeconfig('wrong', indent(`server: ${fake.url}\ninsecure-skip-tls-verify: true`), indent('token: not-the-one'));
    await expect((await kubernetesAdapter(target(wrong), {})).preflight(spec)).rejects.toThrow(/401/);
    expect(fake.authorizations.at(-1)).toBe('Bearer not-the-one');
    const broken = kubeconfig(
      'broken',
      indent(`server: ${fake.url}\ninsecure-skip-tls-verify: true`),
      indent(`exec:\n  apiVersion: client.authentication.k8s.io/v1beta1\n  command: sh\n  args: ["-c", "echo token expired, log in again >&2; exit 1"]`),
    );
    await expect((await kubernetesAdapter(target(broken), {})).preflight(spec)).rejects.toThrow(
      /cannot authenticate to the Kubernetes API server of context "c" \(http:\/\/127\.0\.0\.1:\d+\): token expired, log in again/,
    );
  });

  it('refuses plain http without insecure-skip-tls-verify, and names a missing context', async () => {
    const http = kubeconfig('http', indent(`server: ${fake.url}`), indent('token: from-exec-plugin'));
    await expect((await kubernetesAdapter(target(http), {})).preflight(spec)).rejects.toThrow(/is plain http: .*insecure-skip-tls-verify: true/);
    await expect(kubernetesAdapter(target(http, 'prod'), {})).rejects.toThrow(/has no context "prod"; its contexts are: c/);
  });

  it('authenticates with a client certificate over TLS, verifying the server against the CA', async () => {
    const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=kiln-test-ca');
    writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
    for (const [who, cn, ext] of [
      ['server', '127.0.0.1', ['-extfile', 'san.ext']],
      ['client', 'kiln-user', []],
    ] as const) {
      ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${who}.key`, '-out', `${who}.csr`, '-subj', `/CN=${cn}`);
      ssl('x509', '-req', '-in', `${who}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${who}.crt`, '-days', '1', ...ext);
    }
    const read = (f: string) => readFileSync(join(dir, f));
    const seen: string[] = [];
    const server: Server = createServer(
      { key: read('server.key'), cert: read('server.crt'), ca: read('ca.crt'), requestCert: true, rejectUnauthorized: true },
      (req, res) => {
        seen.push(`${String((req.socket as TLSSocket).getPeerCertificate().subject?.CN)} ${req.url}`);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ kind: 'Namespace', metadata: { name: 'ml' } }));
      },
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `https://127.0.0.1:${(server.address() as { port: number }).port}`;
      const b64 = (f: string) => read(f).toString('base64');
      const file = kubeconfig(
        'cert',
        indent(`server: ${url}\ncertificate-authority-data: ${b64('ca.crt')}`),
        indent(`client-certificate-data: ${b64('client.crt')}\nclient-key-data: ${b64('client.key')}`),
      );
      await (await kubernetesAdapter(target(file), {})).preflight(spec);
      expect(seen).toEqual(['kiln-user /api/v1/namespaces/ml']);
      // without the CA the server's certificate is not trusted
      const noCa = kubeconfig(
        'no-ca',
        indent(`server: ${url}`),
        indent(`client-certificate-data: ${b64('client.crt')}\nclient-key-data: ${b64('client.key')}`),
      );
      await expect((await kubernetesAdapter(target(noCa), {})).preflight(spec)).rejects.toThrow(/does not answer: .*(certificate|self.signed)/i);
    } finally {
      server.close();
    }
  });
});
