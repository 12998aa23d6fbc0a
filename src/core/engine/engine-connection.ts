import Docker from 'dockerode';
import { KilnError, type EngineInfo, type EngineStatus } from '../../shared/contract/index.js';
import type { EventBus } from '../event-bus.js';
import { resolveDockerTarget, unreachableMessage, type DockerTarget } from './docker-host.js';

const PING_TIMEOUT_MS = 1500;

/**
 * Owns the dockerode client and the engine's health: a cheap ping on an interval, an
 * `engine:status` event on every change. Start-up never waits for it.
 */
export class EngineConnection {
  readonly target: DockerTarget;
  readonly docker: Docker;
  private status: EngineStatus;
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<EngineStatus> | null = null;

  constructor(
    private readonly bus: EventBus,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    this.target = resolveDockerTarget(env);
    this.docker = new Docker({ ...this.target.options, timeout: 0 });
    this.status = { state: 'unreachable', host: this.target.display, message: 'checking the Docker engine…', checkedAt: 0 };
  }

  /** Poll every `intervalMs`; the first check starts at once but is not awaited. */
  watch(intervalMs = 2000): void {
    if (this.timer) return;
    void this.check();
    this.timer = setInterval(() => void this.check(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  current(): EngineStatus {
    return this.status;
  }

  check(): Promise<EngineStatus> {
    this.checking ??= this.probe().finally(() => (this.checking = null));
    return this.checking;
  }

  /** The client, or ENGINE_UNREACHABLE with what to do. */
  async require(): Promise<Docker> {
    const s = this.status.state === 'connected' ? this.status : await this.check();
    if (s.state !== 'connected') throw new KilnError('ENGINE_UNREACHABLE', s.message ?? unreachableMessage(this.target.display));
    return this.docker;
  }

  async info(): Promise<EngineInfo> {
    const docker = await this.require();
    const [info, version] = await Promise.all([docker.info() as Promise<Record<string, unknown>>, docker.version()]);
    this.noteVersion(version);
    const runtimes = Object.keys((info.Runtimes as Record<string, unknown>) ?? {});
    return {
      host: this.target.display,
      version: version.Version,
      apiVersion: version.ApiVersion,
      os: String(info.OperatingSystem ?? ''),
      osType: String(info.OSType ?? ''),
      arch: String(info.Architecture ?? ''),
      kernelVersion: String(info.KernelVersion ?? ''),
      cpus: Number(info.NCPU ?? 0),
      memoryBytes: Number(info.MemTotal ?? 0),
      runtimes,
      defaultRuntime: String(info.DefaultRuntime ?? ''),
      nvidiaRuntime: runtimes.includes('nvidia'),
      cdiSpecDirs: Array.isArray(info.CDISpecDirs) ? (info.CDISpecDirs as string[]) : [],
      images: Number(info.Images ?? 0),
      containers: Number(info.Containers ?? 0),
      containersRunning: Number(info.ContainersRunning ?? 0),
      storageDriver: String(info.Driver ?? ''),
      rootDir: String(info.DockerRootDir ?? ''),
    };
  }

  /**
   * `/_ping` answers in ~1 ms where `/version` takes ~40 ms (the engine asks containerd and runc for
   * theirs), and every command that needs the engine waits for this probe: reachability is pinged,
   * the version asked once per connection, in the background, and pushed with the next status.
   */
  private async probe(): Promise<EngineStatus> {
    let next: EngineStatus;
    try {
      await withTimeout(this.docker.ping() as Promise<unknown>, PING_TIMEOUT_MS);
      const known = this.status.state === 'connected' ? this.status : null;
      next = {
        state: 'connected',
        host: this.target.display,
        ...(known?.version ? { version: known.version, apiVersion: known.apiVersion } : {}),
        checkedAt: Date.now(),
      };
      if (!known?.version) this.fetchVersion();
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      next = { state: 'unreachable', host: this.target.display, message: `${unreachableMessage(this.target.display)} (${why})`, checkedAt: Date.now() };
    }
    this.update(next);
    return next;
  }

  private update(next: EngineStatus): void {
    const changed = next.state !== this.status.state || next.version !== this.status.version || this.status.checkedAt === 0;
    this.status = next;
    if (changed) this.bus.emit('engine:status', next);
  }

  private fetchVersion(): void {
    withTimeout(this.docker.version() as Promise<VersionAnswer>, PING_TIMEOUT_MS).then(
      (v) => this.noteVersion(v),
      () => undefined, // the next probe asks again
    );
  }

  private noteVersion(v: VersionAnswer): void {
    if (this.status.state !== 'connected') return;
    this.update({ ...this.status, version: v.Version, apiVersion: v.ApiVersion });
  }
}

/** dockerode's `version()` answer, the two fields kept */
type VersionAnswer = { Version: string; ApiVersion: string };

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((res, rej) => {
    const t = setTimeout(() => rej(new Error(`no answer in ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        res(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        rej(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
