import { KilnError, type Deployment, type DeploymentStats } from '../../shared/contract/index.js';
import type { ServiceContext, HandlerMap } from '../service-context.js';
import type { deployOps } from '../../shared/contract/deploy.js';
import { addTarget, getTarget, listTargets, removeTarget, DEFAULT_BASE_IMAGE } from './target-repo.js';
import { deleteDeployment, getDeployment, listDeployments, resolveDeploymentId, updateDeployment } from './deployment-repo.js';
import { adapterFor, targetDocker } from './adapters.js';
import { deployVersion, rollbackDeployment, type FlowDeps } from './deploy-flow.js';
import { registryModelSource, type InvokeOp } from './model-source.js';
import { servingDir } from './serving-bundle.js';
import { parseServingMetrics } from './scrape-metrics.js';

export function deployHandlers(ctx: ServiceContext, invoke: InvokeOp): HandlerMap<keyof typeof deployOps> {
  const db = () => ctx.workspaces.get().db;
  const root = () => ctx.workspaces.get().root;
  const changed = (d: Deployment) => ctx.bus.emit('deployments:changed', { id: d.id, status: d.status });
  const models = registryModelSource(invoke);

  const deps = async (targetName: string, job: FlowDeps['job']): Promise<FlowDeps> => {
    const target = getTarget(db(), targetName);
    return {
      db: db(),
      workspaceRoot: root(),
      target,
      adapter: await adapterFor(ctx, target),
      // Kubernetes targets build on Kiln's own engine; a Swarm target on its manager
      builder: async () => (target.kind === 'swarm' ? (await targetDocker(ctx, target)).docker : ctx.engine.require()),
      models,
      servingDir: () => servingDir(ctx.options.env ?? process.env),
      job,
      changed,
    };
  };

  return {
    'targets:add': (t) => {
      if (t.kind === 'swarm' && (t.context || t.namespace || t.kubeconfig || t.kserve))
        throw new KilnError('INVALID_INPUT', '--context, --namespace, --kubeconfig and --kserve are for Kubernetes targets, not --swarm');
      if (t.kind === 'kubernetes' && (t.dockerHost || t.publishMode))
        throw new KilnError('INVALID_INPUT', '--docker-host and --publish-mode are for Swarm targets, not --kubernetes');
      return addTarget(db(), {
        name: t.name,
        kind: t.kind,
        dockerHost: t.dockerHost ?? null,
        context: t.context ?? null,
        namespace: t.namespace ?? null,
        kubeconfig: t.kubeconfig ?? null,
        registry: t.registry ?? null,
        baseImage: t.baseImage ?? DEFAULT_BASE_IMAGE,
        publishMode: t.publishMode ?? 'ingress',
        kserve: t.kserve ?? false,
      });
    },
    'targets:list': () => listTargets(db()),
    'targets:remove': ({ name }) => {
      removeTarget(db(), name);
      return { removed: name };
    },
    'deployments:create': (req) =>
      ctx.jobs.run('deployments:create', `Deploy ${req.model}@${req.version} to ${req.target}`, req.jobId, async (job) =>
        deployVersion(await deps(req.target, job), req),
      ),
    'deployments:list': (f) => listDeployments(db(), f),
    'deployments:get': ({ id }) => getDeployment(db(), resolveDeploymentId(db(), id)),
    'deployments:rollback': ({ id, jobId }) => {
      const d = getDeployment(db(), resolveDeploymentId(db(), id));
      return ctx.jobs.run('deployments:rollback', `Roll back ${d.id}`, jobId, async (job) => rollbackDeployment(await deps(d.target, job), d.id));
    },
    'deployments:remove': async ({ id }) => {
      const d = getDeployment(db(), resolveDeploymentId(db(), id));
      if (d.status === 'deploying') throw new KilnError('CONFLICT', `deployment ${d.id} is still rolling out: cancel it first`);
      if (d.status !== 'live') {
        deleteDeployment(db(), d.id);
        ctx.bus.emit('deployments:changed', { id: d.id, status: 'removed' });
        return { id: d.id, removedService: false };
      }
      const adapter = await adapterFor(ctx, getTarget(db(), d.target));
      const removedService = await adapter.remove(d.service);
      changed(updateDeployment(db(), d.id, { status: 'removed', reason: 'removed by hand', url: null }));
      return { id: d.id, removedService };
    },
    'deployments:stats': async ({ id }) => {
      const d = getDeployment(db(), resolveDeploymentId(db(), id));
      const at = Date.now();
      const empty: DeploymentStats = { id: d.id, at, servedVersion: null, replicas: [], requests: 0, errors: 0, latencySum: 0, buckets: [], scrapeError: null };
      if (d.status !== 'live') return { ...empty, scrapeError: `deployment ${d.id} is ${d.status}, not live` };
      const adapter = await adapterFor(ctx, getTarget(db(), d.target));
      const replicas = await adapter.replicas(d.service).catch(() => []);
      try {
        const r = await adapter.request({ service: d.service, port: d.port, image: d.image ?? '' }, '/metrics');
        if (r.status !== 200) return { ...empty, replicas, scrapeError: `/metrics answered ${r.status}` };
        return { id: d.id, at, replicas, ...parseServingMetrics(r.text) };
      } catch (e) {
        return { ...empty, replicas, scrapeError: (e as Error).message };
      }
    },
  };
}
