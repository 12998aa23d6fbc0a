import Docker from 'dockerode';
import { KilnError, type DeployTarget } from '../../shared/contract/index.js';
import type { ServiceContext } from '../service-context.js';
import { resolveDockerTarget } from '../engine/docker-host.js';
import type { DeployAdapter } from './adapter.js';
import { SwarmAdapter } from './swarm/swarm-adapter.js';

/** The engine a target names (its own DOCKER_HOST), else Kiln's engine. */
export async function targetDocker(ctx: ServiceContext, target: DeployTarget): Promise<{ docker: Docker; host: string }> {
  if (!target.dockerHost) {
    const docker = await ctx.engine.require();
    const o = ctx.engine.target.options;
    return { docker, host: o.host ? String(o.host) : '127.0.0.1' };
  }
  const t = resolveDockerTarget({ DOCKER_HOST: target.dockerHost });
  return { docker: new Docker({ ...t.options, timeout: 0 }), host: t.options.host ? String(t.options.host) : '127.0.0.1' };
}

/** One adapter per target kind, behind the same interface. */
export async function adapterFor(ctx: ServiceContext, target: DeployTarget): Promise<DeployAdapter> {
  if (target.kind === 'swarm') {
    const { docker, host } = await targetDocker(ctx, target);
    return new SwarmAdapter(docker, { publishMode: target.publishMode, host });
  }
  const { kubernetesAdapter } = await import('./kubernetes/kubernetes-adapter.js');
  return kubernetesAdapter(target, ctx.options.env ?? process.env).catch((e: unknown) => {
    throw e instanceof KilnError ? e : new KilnError('TARGET_INVALID', `target ${target.name}: ${(e as Error).message}`);
  });
}
