import type Docker from 'dockerode';
import { connect } from 'node:net';
import { KilnError } from '../../../shared/contract/index.js';
import { SERVING_PORT, type DeployAdapter, type ReplicaHealth, type RolloutOutcome, type RolloutSpec } from '../adapter.js';
import { SERVING_NETWORK, buildServiceSpec } from './swarm-spec.js';
import { engineGone, explainTaskError, rolloutEngineError } from './swarm-errors.js';
import { requestInNetwork } from './network-request.js';

interface TaskInfo {
  ID: string;
  NodeID?: string;
  Spec?: { ContainerSpec?: { Image?: string; Env?: string[] } };
  Status?: { State?: string; Err?: string; Message?: string };
  DesiredState?: string;
  CreatedAt?: string;
}

interface ServiceInfo {
  ID: string;
  Version: { Index: number };
  Spec: Record<string, unknown> & { TaskTemplate?: { ContainerSpec?: { Image?: string } }; EndpointSpec?: { Ports?: { PublishedPort?: number }[] } };
  UpdateStatus?: { State?: string; StartedAt?: string; CompletedAt?: string; Message?: string };
}

export interface SwarmAdapterOptions {
  publishMode: 'ingress' | 'host';
  /** the host name clients use to reach published ports */
  host: string;
  /** how long a rollout may take before Kiln gives up on it (ms) */
  timeoutMs?: number;
  monitorSeconds?: number;
  pollMs?: number;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((res) => {
    const done = () => {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      res();
    };
    const t = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

/** Docker Swarm through the Engine API (dockerode): one replicated service per model and workspace. */
export class SwarmAdapter implements DeployAdapter {
  readonly kind = 'swarm' as const;
  constructor(
    private readonly docker: Docker,
    private readonly o: SwarmAdapterOptions,
  ) {}

  async preflight(spec: RolloutSpec): Promise<void> {
    const info = (await this.docker.info().catch((e: unknown) => {
      throw engineGone(e) ? new KilnError('ENGINE_UNREACHABLE', `the target's Docker engine does not answer: ${(e as Error).message}`) : e;
    })) as { Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean } };
    const state = info.Swarm?.LocalNodeState ?? 'inactive';
    if (state !== 'active')
      throw new KilnError(
        'TARGET_INVALID',
        `the Docker engine of this target is not part of a swarm (state: ${state}): run \`docker swarm init\` on it, or point the target at a swarm manager`,
      );
    if (!info.Swarm?.ControlAvailable)
      throw new KilnError(
        'TARGET_INVALID',
        'the Docker engine of this target is a swarm worker, not a manager: services can only be created on a manager; point the target at one',
      );
    if (spec.port !== null) await this.checkPort(spec);
    await this.ensureNetwork();
  }

  private async checkPort(spec: RolloutSpec): Promise<void> {
    const services = (await this.docker.listServices()) as unknown as ServiceInfo[];
    let ours = false;
    for (const s of services) {
      const ports = s.Spec.EndpointSpec?.Ports ?? [];
      if (!ports.some((p) => p.PublishedPort === spec.port)) continue;
      if (s.Spec.Name === spec.service) ours = true;
      else throw new KilnError('CONFLICT', `port ${spec.port} is already published by the Swarm service ${String(s.Spec.Name)}: pick another with --port`);
    }
    if (!ours && (await portAnswers(this.o.host, spec.port!))) {
      throw new KilnError('CONFLICT', `port ${spec.port} is already taken on ${this.o.host} by another program: pick another with --port`);
    }
  }

  private async ensureNetwork(): Promise<void> {
    const nets = await this.docker.listNetworks({ filters: { name: [SERVING_NETWORK] } });
    if (nets.some((n) => n.Name === SERVING_NETWORK)) return;
    await this.docker.createNetwork({ Name: SERVING_NETWORK, Driver: 'overlay', Attachable: true, Labels: { 'kiln.deploy': '1' } }).catch((e: unknown) => {
      // another Kiln created it meanwhile
      if (!/already exists/i.test((e as Error).message)) throw e;
    });
  }

  private async inspect(service: string): Promise<ServiceInfo | null> {
    try {
      return (await this.docker.getService(service).inspect()) as ServiceInfo;
    } catch (e) {
      if ((e as { statusCode?: number }).statusCode === 404) return null;
      throw e;
    }
  }

  async currentImage(service: string): Promise<string | null> {
    return (await this.inspect(service))?.Spec.TaskTemplate?.ContainerSpec?.Image ?? null;
  }

  async rollout(spec: RolloutSpec, signal: AbortSignal, onPhase: (m: string) => void): Promise<RolloutOutcome> {
    const body = buildServiceSpec(spec, {
      publishMode: this.o.publishMode,
      ...(this.o.monitorSeconds !== undefined ? { monitorSeconds: this.o.monitorSeconds } : {}),
    });
    try {
      const existing = await this.inspect(spec.service);
      if (!existing) {
        onPhase('creating the service');
        await this.docker.createService(body);
        return await this.waitCreated(spec, signal, onPhase);
      }
      onPhase('updating the service');
      const before = existing.UpdateStatus?.StartedAt ?? null;
      await this.docker.getService(existing.ID).update({ _query: { version: existing.Version.Index }, _body: body } as never);
      return await this.waitUpdated(spec, before, signal, onPhase);
    } catch (e) {
      throw rolloutEngineError(e, spec.service);
    }
  }

  /** A new service: healthy when every replica runs (Swarm marks a task running only once healthy). */
  private async waitCreated(spec: RolloutSpec, signal: AbortSignal, onPhase: (m: string) => void): Promise<RolloutOutcome> {
    const deadline = Date.now() + (this.o.timeoutMs ?? 120_000);
    for (;;) {
      if (signal.aborted) {
        await this.remove(spec.service);
        throw new KilnError('CANCELLED', `the deploy of ${spec.service} was cancelled; the new service was removed`);
      }
      const tasks = await this.tasks(spec.service);
      const mine = tasks.filter((t) => t.Spec?.ContainerSpec?.Env?.includes(`KILN_DEPLOYMENT=${spec.deploymentId}`));
      const running = mine.filter((t) => t.Status?.State === 'running' && t.DesiredState === 'running').length;
      const failed = mine.filter((t) => ['failed', 'rejected'].includes(t.Status?.State ?? ''));
      onPhase(`${running}/${spec.replicas} replicas healthy`);
      if (running >= spec.replicas) return { ok: true };
      if (failed.length >= Math.max(3, spec.replicas * 2) || Date.now() > deadline) {
        const why = failed[0]?.Status?.Err ?? (Date.now() > deadline ? 'no replica became healthy in time' : 'its tasks keep failing');
        await this.remove(spec.service);
        return {
          ok: false,
          rolledBack: false,
          reason: `the service did not become healthy (${explainTaskError(why, spec.memoryBytes)}); it was removed, nothing was serving before`,
        };
      }
      await sleep(this.o.pollMs ?? 500, signal);
    }
  }

  /** An update: Swarm's own UpdateStatus tells completed, or rolled back by FailureAction. */
  private async waitUpdated(spec: RolloutSpec, before: string | null, signal: AbortSignal, onPhase: (m: string) => void): Promise<RolloutOutcome> {
    const deadline = Date.now() + (this.o.timeoutMs ?? 180_000);
    let askedRollback = false;
    for (;;) {
      const s = await this.inspect(spec.service);
      if (!s) throw new KilnError('DEPLOY_FAILED', `the service ${spec.service} disappeared during its rollout (removed by someone else?)`);
      const u = s.UpdateStatus;
      const fresh = u && u.StartedAt !== before;
      const state = fresh ? (u.State ?? '') : 'pending';
      const tasks = await this.tasks(spec.service);
      const running = tasks.filter(
        (t) => t.Status?.State === 'running' && t.DesiredState === 'running' && t.Spec?.ContainerSpec?.Env?.includes(`KILN_DEPLOYMENT=${spec.deploymentId}`),
      ).length;
      onPhase(`${state}: ${running}/${spec.replicas} new replicas healthy`);
      if (state === 'completed' && running >= spec.replicas) return { ok: true };
      if (state === 'rollback_completed' || state === 'rollback_paused' || state === 'paused') {
        const failed =
          tasks.find((t) => t.Spec?.ContainerSpec?.Env?.includes(`KILN_DEPLOYMENT=${spec.deploymentId}`) && t.Status?.Err) ?? tasks.find((t) => t.Status?.Err);
        const why =
          [failed?.Status?.Err ? explainTaskError(failed.Status.Err, spec.memoryBytes) : null, u?.Message].filter(Boolean).join('; ') || 'the new tasks failed';
        if (state === 'paused') await this.swarmRollback(spec.service);
        return { ok: false, rolledBack: true, reason: `the new version did not become healthy (${why}); Swarm rolled back to the previous version` };
      }
      if ((signal.aborted || Date.now() > deadline) && !askedRollback) {
        askedRollback = true;
        await this.swarmRollback(spec.service);
        if (signal.aborted) throw new KilnError('CANCELLED', `the deploy of ${spec.service} was cancelled; Swarm is rolling back to the previous version`);
        onPhase('timed out: rolling back');
      }
      if (askedRollback && state.startsWith('rollback')) {
        return { ok: false, rolledBack: true, reason: 'the new version did not become healthy in time; rolled back to the previous version' };
      }
      await sleep(this.o.pollMs ?? 500);
    }
  }

  /** `docker service rollback`: Swarm restores the spec it kept from before the last update. */
  private async swarmRollback(service: string): Promise<void> {
    const s = await this.inspect(service);
    if (!s) return;
    await this.docker.getService(s.ID).update({ _query: { version: s.Version.Index, rollback: 'previous' }, _body: s.Spec } as never);
  }

  private async tasks(service: string): Promise<TaskInfo[]> {
    return (await this.docker.listTasks({ filters: { service: [service] } })) as TaskInfo[];
  }

  url(spec: Pick<RolloutSpec, 'service' | 'port'>): string | null {
    return spec.port === null ? `http://${spec.service}:${SERVING_PORT}` : `http://${this.o.host}:${spec.port}`;
  }

  async request(spec: Pick<RolloutSpec, 'service' | 'port' | 'image'>, path: string, body?: unknown): Promise<{ status: number; text: string }> {
    if (spec.port !== null) {
      const r = await fetch(
        `http://${this.o.host}:${spec.port}${path}`,
        body === undefined
          ? { signal: AbortSignal.timeout(10_000) }
          : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) },
      );
      return { status: r.status, text: await r.text() };
    }
    return requestInNetwork(this.docker, { image: spec.image, network: SERVING_NETWORK, url: `http://${spec.service}:${SERVING_PORT}${path}`, body });
  }

  async replicas(service: string): Promise<ReplicaHealth[]> {
    const tasks = (await this.tasks(service)).filter((t) => t.DesiredState === 'running');
    return tasks.map((t) => ({
      id: t.ID.slice(0, 12),
      state: t.Status?.State ?? 'unknown',
      healthy: t.Status?.State === 'running',
      node: t.NodeID ?? null,
      error: t.Status?.Err ?? null,
    }));
  }

  async remove(service: string): Promise<boolean> {
    try {
      await this.docker.getService(service).remove();
      return true;
    } catch (e) {
      if ((e as { statusCode?: number }).statusCode === 404) return false;
      throw e;
    }
  }
}

function portAnswers(host: string, port: number): Promise<boolean> {
  return new Promise((res) => {
    const s = connect({ host, port, timeout: 1000 });
    s.once('connect', () => (s.destroy(), res(true)));
    s.once('error', () => res(false));
    s.once('timeout', () => (s.destroy(), res(false)));
  });
}
