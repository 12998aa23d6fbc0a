import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { createServer, Socket, type Server } from 'node:net';
import http from 'node:http';
import { createSign, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const s: Server = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export interface RegistryOptions {
  /** htpasswd file: Basic auth */
  htpasswd?: string;
  /** TLS: certificate and key files */
  tls?: { cert: string; key: string };
  /** token auth: the token server's realm URL, issuer, service and the PEM of the certificate that signs tokens */
  token?: { realm: string; issuer: string; service: string; certFile: string };
}

/**
 * A throwaway Debian `docker-registry` on a free port with its own storage; `stop()` kills it and
 * `start()` starts it again on the same port and storage (an interrupted push, then a restart).
 * Fails (never skips) when docker-registry is not installed.
 */
export class TestRegistry {
  readonly dir: string;
  readonly dataDir: string;
  port = 0;
  private proc: ChildProcess | null = null;
  private log = '';

  constructor(private readonly opts: RegistryOptions = {}) {
    this.dir = mkdtempSync(join(tmpdir(), 'push-registry-'));
    this.dataDir = join(this.dir, 'data');
  }

  get host(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    if (!this.port) this.port = await freePort();
    const o = this.opts;
    const lines = [
      'version: 0.1',
      'log:',
      '  level: warn',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${this.dataDir}`,
      '  delete:',
      '    enabled: true',
      'http:',
      `  addr: 127.0.0.1:${this.port}`,
      // a fixed secret keeps upload sessions valid across a restart
      '  secret: push-test-secret',
      ...(o.tls ? ['  tls:', `    certificate: ${o.tls.cert}`, `    key: ${o.tls.key}`] : []),
      ...(o.htpasswd ? ['auth:', '  htpasswd:', '    realm: test', `    path: ${o.htpasswd}`] : []),
      ...(o.token
        ? [
            'auth:',
            '  token:',
            `    realm: ${o.token.realm}`,
            `    service: ${o.token.service}`,
            `    issuer: ${o.token.issuer}`,
            `    rootcertbundle: ${o.token.certFile}`,
          ]
        : []),
    ];
    writeFileSync(join(this.dir, 'config.yml'), lines.join('\n') + '\n');
    this.log = '';
    const p = spawn('docker-registry', ['serve', join(this.dir, 'config.yml')], { stdio: ['ignore', 'pipe', 'pipe'] });
    p.stdout!.on('data', (d: Buffer) => (this.log += d.toString()));
    p.stderr!.on('data', (d: Buffer) => (this.log += d.toString()));
    const failed = new Promise<never>((_, rej) =>
      p.on('error', (e) => rej(new Error(`docker-registry could not be started (apt-get install docker-registry): ${e.message}`))),
    );
    this.proc = p;
    const up = (async () => {
      for (let i = 0; i < 80; i++) {
        if (p.exitCode !== null) throw new Error(`docker-registry exited: ${this.log.slice(-500)}`);
        if (await listening(this.port)) return;
        await sleep(100);
      }
      throw new Error(`docker-registry did not start: ${this.log.slice(-500)}`);
    })();
    await Promise.race([up, failed]);
    return this;
  }

  async stop(): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null) return;
    const gone = new Promise<void>((r) => p.on('exit', () => r()));
    p.kill('SIGKILL');
    await gone;
    this.proc = null;
  }

  /** The path of a blob's bytes in the registry's storage. */
  blobPath(digest: string): string {
    const hex = digest.replace('sha256:', '');
    return join(this.dataDir, 'docker/registry/v2/blobs/sha256', hex.slice(0, 2), hex, 'data');
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

async function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket();
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
    s.connect(port, '127.0.0.1');
  });
}

/** A CA and a server certificate for 127.0.0.1 signed by it, made with openssl. */
export function makeTlsCerts(dir: string): { ca: string; cert: string; key: string } {
  const f = (n: string) => join(dir, n);
  const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=push test CA', '-keyout', f('ca.key'), '-out', f('ca.crt')]);
  run(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', f('server.key'), '-out', f('server.csr')]);
  writeFileSync(f('ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n');
  run([
    'x509',
    '-req',
    '-in',
    f('server.csr'),
    '-CA',
    f('ca.crt'),
    '-CAkey',
    f('ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    f('ext.cnf'),
    '-out',
    f('server.crt'),
  ]);
  return { ca: f('ca.crt'), cert: f('server.crt'), key: f('server.key') };
}

export function htpasswdFile(dir: string, user: string, password: string): string {
  const file = join(dir, 'htpasswd');
  writeFileSync(file, execFileSync('htpasswd', ['-Bbn', user, password]));
  return file;
}

/**
 * A small Bearer token server (the fixture the issue asks for): checks Basic credentials, grants the
 * scopes asked for, and signs JWTs with a self-signed certificate that the registry trusts
 * (`rootcertbundle`), carried in the token's x5c header. `lifetimeS` sets the token's real expiry
 * while the answer claims 300 s, so a token can run out in the middle of an upload.
 */
export class TokenServer {
  readonly dir: string;
  readonly certFile: string;
  private readonly keyPem: string;
  private readonly certDer: Buffer;
  private server: http.Server | null = null;
  port = 0;
  issued = 0;
  lifetimeS = 300;
  readonly issuer = 'push-test-issuer';
  readonly service = 'push-test-registry';

  constructor(
    private readonly user: string,
    private readonly password: string,
  ) {
    this.dir = mkdtempSync(join(tmpdir(), 'push-token-'));
    this.certFile = join(this.dir, 'token.crt');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=push token signer',
        '-keyout',
        join(this.dir, 'token.key'),
        '-out',
        this.certFile,
      ],
      { stdio: 'pipe' },
    );
    this.keyPem = readFileSync(join(this.dir, 'token.key'), 'utf8');
    const pem = readFileSync(this.certFile, 'utf8');
    this.certDer = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  }

  get realm(): string {
    return `http://127.0.0.1:${this.port}/token`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const want = `Basic ${Buffer.from(`${this.user}:${this.password}`).toString('base64')}`;
      if (req.headers.authorization !== want) {
        res.writeHead(401, { 'content-type': 'application/json' });
        return void res.end('{"details":"bad credentials"}');
      }
      const access = url.searchParams.getAll('scope').map((s) => {
        const [type, name, actions] = s.split(':');
        return { type, name, actions: (actions ?? '').split(',') };
      });
      this.issued++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ token: this.sign(access), expires_in: 300 }));
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  private sign(access: unknown[]): string {
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'RS256', typ: 'JWT', x5c: [this.certDer.toString('base64')] };
    const claims = {
      iss: this.issuer,
      sub: this.user,
      aud: this.service,
      exp: now + this.lifetimeS,
      nbf: now - 5,
      iat: now,
      jti: randomBytes(8).toString('hex'),
      access,
    };
    const input = `${b64(header)}.${b64(claims)}`;
    const sig = createSign('RSA-SHA256').update(input).sign(this.keyPem).toString('base64url');
    return `${input}.${sig}`;
  }

  async dispose(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}
