import { KilnError } from '../../../shared/contract/index.js';
import type { DeployAdapter, ReplicaHealth, RolloutOutcome, RolloutSpec } from '../adapter.js';
import { KubeError, type KubeClient } from './kube-client.js';
import { KSERVE_API, KSERVE_POD_LABEL, inferenceServiceManifest } from './kserve-manifest.js';

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

interface InferenceService {
  metadata: { name: string; resourceVersion?: string; generation?: number };
  spec: { predictor: { containers?: { image?: string }[] } & Record<string, unknown> };
  status?: {
    observedGeneration?: number;
    url?: string;
    conditions?: Condition[];
    components?: { predictor?: { latestReadyRevision?: string; latestCreatedRevision?: string } };
  };
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((res) => {
    const t = setTimeout(res, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), res()), { once: true });
  });

/**
 * Kubernetes through KServe: one InferenceService per model and workspace with Kiln's serving
 * container as a custom predictor. KServe keeps traffic on the last ready revision while a new
 * one fails; Kiln then puts the previous predictor back so the spec says what serves.
 */
export class KServeAdapter implements DeployAdapter {
  readonly kind = 'kubernetes' as const;
  /** status.url of each InferenceService once ready */
  private readonly urls = new Map<string, string>();
  constructor(
    private readonly kube: KubeClient,
    private readonly ns: string,
    private readonly timeoutMs: number,
    private readonly pollMs = 500,
  ) {}

  private isvc = (name = '') => `/apis/${KSERVE_API}/namespaces/${this.ns}/inferenceservices${name ? `/${name}` : ''}`;

  async preflight(_spec: RolloutSpec): Promise<void> {
    if (!(await this.kube.get(`/api/v1/namespaces/${this.ns}`)))
      throw new KilnError(
        'TARGET_INVALID',
        `namespace "${this.ns}" does not exist in context "${this.kube.cluster.context}": create it (kubectl create namespace ${this.ns}) or give the target another --namespace`,
      );
    if (!(await this.kube.get(`/apis/${KSERVE_API}`)))
      throw new KilnError(
        'TARGET_INVALID',
        `context "${this.kube.cluster.context}" does not serve ${KSERVE_API}: KServe is not installed there; install it or add the target without --kserve`,
      );
  }

  async currentImage(service: string): Promise<string | null> {
    return (await this.kube.get<InferenceService>(this.isvc(service)))?.spec.predictor.containers?.[0]?.image ?? null;
  }

  /** Create, or replace with the live resourceVersion; returns the generation to wait for. */
  private async put(name: string, spec: InferenceService['spec'], base: Record<string, unknown>): Promise<number> {
    const live = await this.kube.get<InferenceService>(this.isvc(name));
    const obj = { ...base, spec } as unknown as InferenceService;
    if (!live) return (await this.kube.call<InferenceService>('POST', this.isvc(), obj)).metadata.generation ?? 1;
    obj.metadata = { ...obj.metadata, resourceVersion: live.metadata.resourceVersion };
    return (await this.kube.call<InferenceService>('PUT', this.isvc(name), obj)).metadata.generation ?? 1;
  }

  async rollout(spec: RolloutSpec, signal: AbortSignal, onPhase: (m: string) => void): Promise<RolloutOutcome> {
    try {
      const before = await this.kube.get<InferenceService>(this.isvc(spec.service));
      const manifest = inferenceServiceManifest(spec, this.ns);
      onPhase(before ? 'updating the InferenceService predictor' : 'creating the InferenceService');
      const generation = await this.put(spec.service, manifest.spec as InferenceService['spec'], manifest);
      const r = await this.waitReady(spec.service, generation, signal, onPhase);
      if (r.ok) return r;
      if (!before) {
        await this.remove(spec.service);
        return { ok: false, rolledBack: false, reason: `${r.reason}; the InferenceService was removed, nothing was serving before` };
      }
      onPhase('restoring the previous predictor');
      const { status: _s, ...prev } = before;
      const g = await this.put(spec.service, before.spec, { ...prev, metadata: { ...before.metadata } });
      const b = await this.waitReady(spec.service, g, signal, onPhase);
      const revision = before.status?.components?.predictor?.latestReadyRevision ?? 'the previous revision';
      return { ok: false, rolledBack: true, reason: `${r.reason}; rolled back to ${revision}${b.ok ? '' : ` (which is not ready either: ${b.reason})`}` };
    } catch (e) {
      if (e instanceof KubeError) throw new KilnError('DEPLOY_FAILED', `the Kubernetes API refused the InferenceService ${spec.service}: ${e.message}`);
      throw e;
    }
  }

  /** Until the InferenceService reports Ready for this generation, or says why not. */
  private async waitReady(name: string, generation: number, signal: AbortSignal, onPhase: (m: string) => void): Promise<RolloutOutcome> {
    const deadline = Date.now() + this.timeoutMs;
    while (!signal.aborted && Date.now() < deadline) {
      const now = await this.kube.get<InferenceService>(this.isvc(name));
      if (!now) throw new KilnError('DEPLOY_FAILED', `the InferenceService ${name} disappeared during its rollout`);
      const s = now.status;
      if ((s?.observedGeneration ?? 0) >= generation) {
        const ready = s?.conditions?.find((c) => c.type === 'Ready');
        onPhase(`predictor ${s?.components?.predictor?.latestCreatedRevision ?? ''}: ${ready?.reason ?? ready?.status ?? 'waiting'}`.trim());
        if (ready?.status === 'True') {
          if (s?.url) this.urls.set(name, s.url);
          return { ok: true };
        }
        if (ready?.status === 'False' && ready.reason)
          return { ok: false, rolledBack: false, reason: `the new predictor did not become ready (${ready.reason}: ${ready.message ?? ''})` };
      }
      await sleep(this.pollMs, signal);
    }
    if (signal.aborted) throw new KilnError('CANCELLED', `the rollout of ${name} was cancelled`);
    return { ok: false, rolledBack: false, reason: `the InferenceService was not ready in ${Math.round(this.timeoutMs / 1000)} s` };
  }

  url(spec: Pick<RolloutSpec, 'service' | 'port'>): string | null {
    return this.urls.get(spec.service) ?? `http://${spec.service}.${this.ns}.svc.cluster.local`;
  }

  /** Through the API server's proxy to the predictor's Service (KServe names it NAME-predictor, port 80). */
  async request(spec: Pick<RolloutSpec, 'service' | 'port' | 'image'>, path: string, body?: unknown): Promise<{ status: number; text: string }> {
    return this.kube.raw(body === undefined ? 'GET' : 'POST', `/api/v1/namespaces/${this.ns}/services/${spec.service}-predictor:80/proxy${path}`, body);
  }

  async replicas(service: string): Promise<ReplicaHealth[]> {
    const pods = await this.kube.call<{
      items: { metadata: { name: string }; spec?: { nodeName?: string }; status?: { phase?: string; conditions?: { type: string; status: string }[] } }[];
    }>('GET', `/api/v1/namespaces/${this.ns}/pods?labelSelector=${encodeURIComponent(`${KSERVE_POD_LABEL}=${service}`)}`);
    return pods.items.map((p) => ({
      id: p.metadata.name,
      state: p.status?.phase ?? 'Unknown',
      healthy: !!p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
      node: p.spec?.nodeName ?? null,
      error: null,
    }));
  }

  async remove(service: string): Promise<boolean> {
    try {
      await this.kube.call('DELETE', this.isvc(service));
      return true;
    } catch (e) {
      if (e instanceof KubeError && e.status === 404) return false;
      throw e;
    }
  }
}
