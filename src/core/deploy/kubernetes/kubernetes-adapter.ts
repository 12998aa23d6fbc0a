import { KilnError, type DeployTarget } from '../../../shared/contract/index.js';
import { SERVING_PORT, type DeployAdapter, type ReplicaHealth, type RolloutOutcome, type RolloutSpec } from '../adapter.js';
import { KubeClient, KubeError } from './kube-client.js';
import { KServeAdapter } from './kserve-adapter.js';
import { loadKubeconfig } from './kubeconfig.js';
import { INSTANCE_LABEL, deploymentManifest, serviceManifest } from './manifests.js';

interface Obj {
  metadata: { name: string; resourceVersion?: string; generation?: number; annotations?: Record<string, string>; labels?: Record<string, string> };
  spec?: Record<string, unknown> & {
    template?: { metadata?: { labels?: Record<string, string> }; spec?: { containers?: { image?: string }[] } };
    replicas?: number;
    clusterIP?: string;
  };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
  };
}

const REVISION = 'deployment.kubernetes.io/revision';

export async function kubernetesAdapter(target: DeployTarget, env: NodeJS.ProcessEnv, o: { timeoutMs?: number } = {}): Promise<DeployAdapter> {
  const cluster = await loadKubeconfig(target.kubeconfig, env, target.context);
  const ns = target.namespace ?? cluster.namespace ?? 'default';
  if (target.kserve) return new KServeAdapter(new KubeClient(cluster), ns, o.timeoutMs ?? 180_000);
  return new KubernetesAdapter(new KubeClient(cluster), ns, o.timeoutMs ?? 180_000);
}

/** Kubernetes through its API: a Deployment + Service per model and workspace, rolled back to the previous ReplicaSet. */
export class KubernetesAdapter implements DeployAdapter {
  readonly kind = 'kubernetes' as const;
  constructor(
    private readonly kube: KubeClient,
    private readonly ns: string,
    private readonly timeoutMs: number,
  ) {}

  private dep = (name = '') => `/apis/apps/v1/namespaces/${this.ns}/deployments${name ? `/${name}` : ''}`;
  private svc = (name = '') => `/api/v1/namespaces/${this.ns}/services${name ? `/${name}` : ''}`;

  async preflight(_spec: RolloutSpec): Promise<void> {
    const ns = await this.kube.get(`/api/v1/namespaces/${this.ns}`);
    if (!ns)
      throw new KilnError(
        'TARGET_INVALID',
        `namespace "${this.ns}" does not exist in context "${this.kube.cluster.context}": create it (kubectl create namespace ${this.ns}) or give the target another --namespace`,
      );
  }

  async currentImage(service: string): Promise<string | null> {
    return (await this.kube.get<Obj>(this.dep(service)))?.spec?.template?.spec?.containers?.[0]?.image ?? null;
  }

  /** Create or replace (PUT with the live resourceVersion, keeping a Service's clusterIP). */
  private async apply(path: (n?: string) => string, manifest: Record<string, unknown>): Promise<Obj> {
    const name = (manifest.metadata as { name: string }).name;
    const live = await this.kube.get<Obj>(path(name));
    if (!live) return this.kube.call<Obj>('POST', path(), manifest);
    const m = manifest as unknown as Obj;
    m.metadata.resourceVersion = live.metadata.resourceVersion;
    if (live.spec?.clusterIP && m.spec) m.spec.clusterIP = live.spec.clusterIP;
    return this.kube.call<Obj>('PUT', path(name), m);
  }

  async rollout(spec: RolloutSpec, signal: AbortSignal, onPhase: (m: string) => void): Promise<RolloutOutcome> {
    try {
      const existed = !!(await this.kube.get<Obj>(this.dep(spec.service)));
      await this.apply(this.svc, serviceManifest(spec, this.ns));
      const applied = await this.apply(this.dep, deploymentManifest(spec, this.ns));
      onPhase(existed ? 'rolling update' : 'creating the Deployment');
      const r = await this.waitRollout(spec.service, applied.metadata.generation ?? 1, spec.replicas, signal, onPhase);
      if (r.ok) return r;
      if (!existed) {
        await this.remove(spec.service);
        return { ok: false, rolledBack: false, reason: `${r.reason}; the Deployment was removed, nothing was serving before` };
      }
      onPhase('rolling back to the previous ReplicaSet');
      const revision = await this.rollbackToPrevious(spec.service);
      const back = await this.kube.get<Obj>(this.dep(spec.service));
      const b = await this.waitRollout(spec.service, back?.metadata.generation ?? 1, back?.spec?.replicas ?? spec.replicas, signal, onPhase);
      return {
        ok: false,
        rolledBack: true,
        reason: `${r.reason}; rolled back to revision ${revision}${b.ok ? '' : ` (which is not healthy either: ${b.reason})`}`,
      };
    } catch (e) {
      if (e instanceof KubeError) throw new KilnError('DEPLOY_FAILED', `the Kubernetes API refused the rollout of ${spec.service}: ${e.message}`);
      throw e;
    }
  }

  /** Watches the Deployment until every replica is updated and available, or its progress deadline passes. */
  private async waitRollout(name: string, generation: number, replicas: number, signal: AbortSignal, onPhase: (m: string) => void): Promise<RolloutOutcome> {
    let outcome: RolloutOutcome | null = null;
    const judge = (d: Obj): boolean => {
      const s = d.status ?? {};
      const stalled = s.conditions?.find((c) => c.type === 'Progressing' && c.status === 'False');
      if ((s.observedGeneration ?? 0) < generation) return false;
      onPhase(`${s.updatedReplicas ?? 0}/${replicas} updated, ${s.availableReplicas ?? 0} available`);
      if (stalled) {
        outcome = { ok: false, rolledBack: false, reason: `the new version did not become ready (${stalled.reason}: ${stalled.message ?? ''})` };
        return true;
      }
      if ((s.updatedReplicas ?? 0) >= replicas && (s.availableReplicas ?? 0) >= replicas && (s.replicas ?? 0) === replicas) {
        outcome = { ok: true };
        return true;
      }
      return false;
    };
    const deadline = Date.now() + this.timeoutMs;
    const ctrl = new AbortController();
    const onAbort = () => ctrl.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => ctrl.abort(), this.timeoutMs);
    try {
      while (!outcome && !ctrl.signal.aborted && Date.now() < deadline) {
        const now = await this.kube.get<Obj>(this.dep(name));
        if (!now) throw new KilnError('DEPLOY_FAILED', `the Deployment ${name} disappeared during its rollout`);
        if (judge(now)) break;
        // a watch from the version just read; the server may end it at any time, then read again
        await this.kube.watch(
          `${this.dep()}?watch=1&fieldSelector=metadata.name%3D${name}&resourceVersion=${now.metadata.resourceVersion ?? ''}`,
          (_t, obj) => judge(obj as unknown as Obj),
          ctrl.signal,
        );
      }
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    }
    if (signal.aborted) throw new KilnError('CANCELLED', `the rollout of ${name} was cancelled`);
    return outcome ?? { ok: false, rolledBack: false, reason: `the rollout did not finish in ${Math.round(this.timeoutMs / 1000)} s` };
  }

  /** `kubectl rollout undo`: the template of the ReplicaSet with the next lower revision, put back on the Deployment. */
  private async rollbackToPrevious(name: string): Promise<number> {
    const list = await this.kube.call<{ items: Obj[] }>(
      'GET',
      `/apis/apps/v1/namespaces/${this.ns}/replicasets?labelSelector=${encodeURIComponent(`${INSTANCE_LABEL}=${name}`)}`,
    );
    const byRev = list.items.map((rs) => ({ rs, rev: Number(rs.metadata.annotations?.[REVISION] ?? 0) })).sort((a, b) => b.rev - a.rev);
    const prev = byRev[1];
    if (!prev) throw new KilnError('DEPLOY_FAILED', `the Deployment ${name} has no earlier ReplicaSet revision to roll back to`);
    const d = await this.kube.call<Obj>('GET', this.dep(name));
    const template = structuredClone(prev.rs.spec!.template!);
    delete template.metadata?.labels?.['pod-template-hash'];
    d.spec!.template = template;
    delete d.status;
    await this.kube.call('PUT', this.dep(name), d);
    return prev.rev;
  }

  url(spec: Pick<RolloutSpec, 'service' | 'port'>): string | null {
    return `http://${spec.service}.${this.ns}.svc:${spec.port ?? SERVING_PORT}`;
  }

  /** Through the API server's service proxy: works from outside the cluster network. */
  async request(spec: Pick<RolloutSpec, 'service' | 'port' | 'image'>, path: string, body?: unknown): Promise<{ status: number; text: string }> {
    const p = `/api/v1/namespaces/${this.ns}/services/${spec.service}:http/proxy${path}`;
    return this.kube.raw(body === undefined ? 'GET' : 'POST', p, body);
  }

  async replicas(service: string): Promise<ReplicaHealth[]> {
    const pods = await this.kube.call<{
      items: (Obj & { spec?: { nodeName?: string }; status?: { phase?: string; conditions?: { type: string; status: string }[] } })[];
    }>('GET', `/api/v1/namespaces/${this.ns}/pods?labelSelector=${encodeURIComponent(`${INSTANCE_LABEL}=${service}`)}`);
    return pods.items.map((p) => {
      const st = p.status as { phase?: string; conditions?: { type: string; status: string }[] } | undefined;
      return {
        id: p.metadata.name,
        state: st?.phase ?? 'Unknown',
        healthy: !!st?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
        node: (p.spec as { nodeName?: string } | undefined)?.nodeName ?? null,
        error: null,
      };
    });
  }

  async remove(service: string): Promise<boolean> {
    const gone = async (path: string) => {
      try {
        await this.kube.call('DELETE', path);
        return true;
      } catch (e) {
        if (e instanceof KubeError && e.status === 404) return false;
        throw e;
      }
    };
    const a = await gone(this.dep(service));
    const b = await gone(this.svc(service));
    return a || b;
  }
}
