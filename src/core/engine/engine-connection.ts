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

  constructor(private readonly bus: EventBus, env: NodeJS.ProcessEnv = process.env) {
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

  private async probe(): Promise<EngineStatus> {
    let next: EngineStatus;
    try {
      const v = await withTimeout(this.docker.version(), PING_TIMEOUT_MS);
      next = { state: 'connected', host: this.target.display, version: v.Version, apiVersion: v.ApiVersion, checkedAt: Date.now() };
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      next = { state: 'unreachable', host: this.target.display, message: `${unreachableMessage(this.target.display)} (${why})`, checkedAt: Date.now() };
    }
    const changed = next.state !== this.status.state || next.version !== this.status.version || this.status.checkedAt === 0;
    this.status = next;
    if (changed) this.bus.emit('engine:status', next);
    return next;
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((res, rej) => {
    const t = setTimeout(() => rej(new Error(`no answer in ${ms} ms`)), ms);
    p.then((v) => { clearTimeout(t); res(v); }, (e: unknown) => { clearTimeout(t); rej(e instanceof Error ? e : new Error(String(e))); });
  });
}
