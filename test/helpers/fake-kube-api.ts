import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { z } from 'zod';
import { loadOfficialValidator, type OfficialValidator } from './kube-official-schemas.js';

/**
 * A FAKE Kubernetes API server, in-process: no API server can run on these machines. It implements
 * only what Kiln uses — namespaces (read), Deployments with revisions and ReplicaSets, Services,
 * Pods (read, synthesised), watch on Deployments, the service proxy and, with `kserve`, KServe
 * InferenceServices (custom predictor, revisions, traffic kept on the last ready one) — and checks every object
 * Kiln sends twice: against the official Kubernetes schemas (kubernetes-models, see kube-official-schemas.ts)
 * and against strict schemas of the Kubernetes fields Kiln may use (unknown fields refused).
 * Pods "become ready" as `healthy(template)` says; the service proxy forwards to `backend(image)`.
 */
const quantity = z.string().regex(/^\d+(\.\d+)?(m|Ki|Mi|Gi|Ti|k|M|G)?$/);
const labels = z.record(z.string().regex(/^([a-z0-9.-]+\/)?[A-Za-z0-9][-A-Za-z0-9_.]{0,62}$/), z.string().max(63));
const objectMeta = z
  .object({
    name: z
      .string()
      .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/)
      .max(63),
    namespace: z.string().optional(),
    labels: labels.optional(),
    annotations: z.record(z.string(), z.string()).optional(),
    resourceVersion: z.string().optional(),
    generation: z.number().int().optional(),
    uid: z.string().optional(),
    creationTimestamp: z.string().optional(),
  })
  .strict();
const probe = z
  .object({
    httpGet: z.object({ path: z.string().startsWith('/'), port: z.union([z.number().int(), z.string()]) }).strict(),
    initialDelaySeconds: z.number().int().optional(),
    periodSeconds: z.number().int().min(1).optional(),
    failureThreshold: z.number().int().min(1).optional(),
  })
  .strict();
const container = z
  .object({
    name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/),
    image: z.string().min(1),
    ports: z
      .array(
        z
          .object({
            name: z.string().max(15).optional(),
            containerPort: z.number().int().min(1).max(65535),
            protocol: z.enum(['TCP', 'UDP', 'SCTP']).optional(),
          })
          .strict(),
      )
      .optional(),
    env: z.array(z.object({ name: z.string(), value: z.string() }).strict()).optional(),
    readinessProbe: probe.optional(),
    livenessProbe: probe.optional(),
    resources: z
      .object({
        limits: z.partialRecord(z.enum(['cpu', 'memory', 'nvidia.com/gpu']), quantity).optional(),
        requests: z.record(z.string(), quantity).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
const podTemplate = z
  .object({
    metadata: z.object({ labels: labels.optional(), annotations: z.record(z.string(), z.string()).optional() }).strict(),
    spec: z.object({ containers: z.array(container).min(1) }).strict(),
  })
  .strict();
export const deploymentSchema = z
  .object({
    apiVersion: z.literal('apps/v1'),
    kind: z.literal('Deployment'),
    metadata: objectMeta,
    spec: z
      .object({
        replicas: z.number().int().min(0),
        revisionHistoryLimit: z.number().int().min(0).optional(),
        progressDeadlineSeconds: z.number().int().min(1).optional(),
        selector: z.object({ matchLabels: labels }).strict(),
        strategy: z
          .object({
            type: z.enum(['RollingUpdate', 'Recreate']),
            rollingUpdate: z
              .object({ maxSurge: z.union([z.number(), z.string()]), maxUnavailable: z.union([z.number(), z.string()]) })
              .strict()
              .optional(),
          })
          .strict()
          .optional(),
        template: podTemplate,
      })
      .strict(),
    status: z.unknown().optional(),
  })
  .strict()
  .refine(
    (d) => Object.entries(d.spec.selector.matchLabels).every(([k, v]) => d.spec.template.metadata.labels?.[k] === v),
    'spec.selector does not match spec.template.metadata.labels',
  );
export const serviceSchema = z
  .object({
    apiVersion: z.literal('v1'),
    kind: z.literal('Service'),
    metadata: objectMeta,
    spec: z
      .object({
        type: z.enum(['ClusterIP', 'NodePort', 'LoadBalancer']),
        clusterIP: z.string().optional(),
        selector: labels,
        ports: z
          .array(
            z
              .object({
                name: z.string().optional(),
                port: z.number().int().min(1).max(65535),
                targetPort: z.union([z.number().int(), z.string()]),
                protocol: z.enum(['TCP', 'UDP', 'SCTP']).optional(),
              })
              .strict(),
          )
          .min(1),
      })
      .strict(),
  })
  .strict();

/** serving.kserve.io/v1beta1 InferenceService with a custom predictor (the fields Kiln may send). */
export const inferenceServiceSchema = z
  .object({
    apiVersion: z.literal('serving.kserve.io/v1beta1'),
    kind: z.literal('InferenceService'),
    metadata: objectMeta,
    spec: z
      .object({
        predictor: z
          .object({
            minReplicas: z.number().int().min(0).optional(),
            maxReplicas: z.number().int().min(0).optional(),
            containers: z.array(container).length(1),
          })
          .strict()
          .refine((p) => (p.minReplicas ?? 1) <= (p.maxReplicas ?? Infinity), 'predictor.minReplicas is above maxReplicas'),
      })
      .strict(),
    status: z.unknown().optional(),
  })
  .strict();

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface FakeKubeOptions {
  namespaces?: string[];
  healthy: (template: Json) => boolean;
  /** the base URL of a real server that plays this image's pods */
  backend: (image: string) => string | null;
  /** how long pods take to become ready (ms) */
  readyAfterMs?: number;
  /** serve the KServe API (serving.kserve.io/v1beta1 InferenceServices) */
  kserve?: boolean;
  /** the bearer token every request must carry (default `fake-token`) */
  token?: string;
}

export class FakeKubeApi {
  readonly deployments = new Map<string, Json>();
  readonly replicaSets = new Map<string, Json>();
  readonly services = new Map<string, Json>();
  readonly inferenceServices = new Map<string, Json>();
  /** the image each InferenceService's last ready revision serves (KServe keeps it while a new one fails) */
  private readonly isvcServing = new Map<string, string>();
  /** every object Kiln sent and the schema verdict (`official`: also checked against the official schemas) */
  readonly validated: { kind: string; ok: boolean; official: boolean; error?: string }[] = [];
  /** the official Kubernetes schemas (kubernetes-models); null when not installed, outside CI */
  official: OfficialValidator | null = null;
  /** the ReplicaSet whose pods serve each Deployment now (the fake's own bookkeeping, never sent) */
  private readonly active = new Map<string, string | null>();
  /** the Authorization header of every request, in order */
  readonly authorizations: string[] = [];
  private rv = 1;
  private readonly watchers = new Set<{ ns: string; name: string; res: ServerResponse }>();
  private server: Server | null = null;
  url = '';

  constructor(private readonly o: FakeKubeOptions) {}

  async start(): Promise<string> {
    try {
      this.official = await loadOfficialValidator();
    } catch (e) {
      // under CI the official schemas are part of the test, not optional
      if (process.env.CI === 'true' || process.env.CI === '1') throw e;
      console.warn(`FakeKubeApi: ${(e as Error).message}; checking with the fake's strict schemas only`);
    }
    this.server = createServer((req, res) => void this.handle(req, res).catch((e: unknown) => this.send(res, 500, status(500, (e as Error).message))));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server!.address() as { port: number }).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const w of this.watchers) w.res.end();
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }

  /** A kubeconfig with one context (and one that names a missing cluster) pointing at this fake. */
  kubeconfig(): string {
    return `apiVersion: v1\nkind: Config\ncurrent-context: fake\nclusters:\n- name: fake\n  cluster:\n    server: ${this.url}\n    insecure-skip-tls-verify: true\ncontexts:\n- name: fake\n  context:\n    cluster: fake\n    user: fake\n    namespace: default\nusers:\n- name: fake\n  user:\n    token: fake-token\n`;
  }

  private send(res: ServerResponse, code: number, body: unknown): void {
    const t = JSON.stringify(body);
    res.writeHead(code, { 'content-type': 'application/json' });
    res.end(t);
  }

  private async body(req: IncomingMessage): Promise<Json> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Json;
  }

  private check(kind: 'Deployment' | 'Service' | 'InferenceService', obj: Json): string | null {
    const r = (kind === 'Deployment' ? deploymentSchema : kind === 'Service' ? serviceSchema : inferenceServiceSchema).safeParse(obj);
    const errors = r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    const official = this.official?.(kind, obj) ?? null;
    if (official) errors.push(`official schema: ${official}`);
    const error = errors.length ? errors.join('; ') : undefined;
    this.validated.push({ kind, ok: !error, official: !!this.official, ...(error ? { error } : {}) });
    return error ?? null;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.authorizations.push(req.headers.authorization ?? '');
    if (req.headers.authorization !== `Bearer ${this.o.token ?? 'fake-token'}`) return this.send(res, 401, status(401, 'Unauthorized'));
    const u = new URL(req.url ?? '/', 'http://x');
    const p = u.pathname;
    let m: RegExpExecArray | null;
    if ((m = /^\/api\/v1\/namespaces\/([^/]+)$/.exec(p))) {
      return (this.o.namespaces ?? ['default']).includes(m[1]!)
        ? this.send(res, 200, { kind: 'Namespace', metadata: { name: m[1] } })
        : this.send(res, 404, status(404, `namespaces "${m[1]}" not found`));
    }
    if (p === '/apis/serving.kserve.io/v1beta1')
      return this.o.kserve
        ? this.send(res, 200, {
            kind: 'APIResourceList',
            groupVersion: 'serving.kserve.io/v1beta1',
            resources: [{ name: 'inferenceservices', kind: 'InferenceService' }],
          })
        : this.send(res, 404, status(404, 'the server could not find the requested resource'));
    if ((m = /^\/apis\/serving\.kserve\.io\/v1beta1\/namespaces\/([^/]+)\/inferenceservices(?:\/([^/]+))?$/.exec(p)) && this.o.kserve)
      return this.isvcRoute(req, res, m[1]!, m[2]);
    if ((m = /^\/api\/v1\/namespaces\/([^/]+)\/services\/([^/:]+)-predictor:80\/proxy(\/.*)$/.exec(p))) return this.isvcProxy(req, res, m[1]!, m[2]!, m[3]!);
    if ((m = /^\/api\/v1\/namespaces\/([^/]+)\/services\/([^/:]+):http\/proxy(\/.*)$/.exec(p))) return this.proxy(req, res, m[1]!, m[2]!, m[3]!);
    if ((m = /^\/apis\/apps\/v1\/namespaces\/([^/]+)\/deployments(?:\/([^/]+))?$/.exec(p))) return this.deploymentRoute(req, res, u, m[1]!, m[2]);
    if ((m = /^\/api\/v1\/namespaces\/([^/]+)\/services(?:\/([^/]+))?$/.exec(p))) return this.serviceRoute(req, res, m[1]!, m[2]);
    if ((m = /^\/apis\/apps\/v1\/namespaces\/([^/]+)\/replicasets$/.exec(p))) {
      const [k, v] = (u.searchParams.get('labelSelector') ?? '=').split('=');
      return this.send(res, 200, {
        kind: 'ReplicaSetList',
        items: [...this.replicaSets.values()].filter((rs) => rs.metadata.namespace === m![1] && rs.metadata.labels?.[k!] === v),
      });
    }
    if ((m = /^\/api\/v1\/namespaces\/([^/]+)\/pods$/.exec(p)))
      return this.send(res, 200, { kind: 'PodList', items: this.pods(m[1]!, u.searchParams.get('labelSelector') ?? '') });
    this.send(res, 404, status(404, `the fake does not implement ${req.method} ${p}`));
  }

  private key = (ns: string, name: string) => `${ns}/${name}`;

  private deploymentRoute(req: IncomingMessage, res: ServerResponse, u: URL, ns: string, name: string | undefined): Promise<void> | void {
    if (req.method === 'GET' && !name && u.searchParams.get('watch')) {
      const sel = /metadata\.name=(.+)/.exec(u.searchParams.get('fieldSelector') ?? '')?.[1] ?? '';
      res.writeHead(200, { 'content-type': 'application/json' });
      const w = { ns, name: sel, res };
      this.watchers.add(w);
      req.on('close', () => this.watchers.delete(w));
      return;
    }
    if (req.method === 'GET' && name) {
      const d = this.deployments.get(this.key(ns, name));
      return d ? this.send(res, 200, d) : this.send(res, 404, status(404, `deployments.apps "${name}" not found`));
    }
    if (req.method === 'DELETE' && name) {
      const k = this.key(ns, name);
      this.active.delete(k);
      if (!this.deployments.delete(k)) return this.send(res, 404, status(404, `deployments.apps "${name}" not found`));
      for (const [rk, rs] of this.replicaSets) if (rs.metadata.ownerReferences?.[0]?.name === name && rs.metadata.namespace === ns) this.replicaSets.delete(rk);
      return this.send(res, 200, status(200, 'deleted'));
    }
    if (req.method === 'POST' || req.method === 'PUT') {
      return this.body(req).then((obj) => {
        const err = this.check('Deployment', obj);
        if (err) return this.send(res, 422, status(422, `Deployment is invalid: ${err}`));
        const k = this.key(ns, obj.metadata.name);
        const live = this.deployments.get(k);
        if (req.method === 'POST' && live) return this.send(res, 409, status(409, `deployments.apps "${obj.metadata.name}" already exists`));
        if (req.method === 'PUT' && !live) return this.send(res, 404, status(404, 'not found'));
        if (req.method === 'PUT' && obj.metadata.resourceVersion !== live!.metadata.resourceVersion)
          return this.send(res, 409, status(409, 'the object has been modified; please apply your changes to the latest version'));
        const d = {
          ...obj,
          metadata: { ...obj.metadata, namespace: ns, generation: (live?.metadata.generation ?? 0) + 1, resourceVersion: String(++this.rv) },
          status: live?.status ?? {},
        };
        this.deployments.set(k, d);
        this.reconcile(ns, d);
        this.send(res, req.method === 'POST' ? 201 : 200, d);
      });
    }
    this.send(res, 405, status(405, 'method not allowed'));
  }

  private serviceRoute(req: IncomingMessage, res: ServerResponse, ns: string, name: string | undefined): Promise<void> | void {
    if (req.method === 'GET' && name) {
      const s = this.services.get(this.key(ns, name));
      return s ? this.send(res, 200, s) : this.send(res, 404, status(404, `services "${name}" not found`));
    }
    if (req.method === 'DELETE' && name)
      return this.services.delete(this.key(ns, name)) ? this.send(res, 200, status(200, 'deleted')) : this.send(res, 404, status(404, 'not found'));
    if (req.method === 'POST' || req.method === 'PUT') {
      return this.body(req).then((obj) => {
        const err = this.check('Service', obj);
        if (err) return this.send(res, 422, status(422, `Service is invalid: ${err}`));
        const s = {
          ...obj,
          metadata: { ...obj.metadata, namespace: ns, resourceVersion: String(++this.rv) },
          spec: { ...obj.spec, clusterIP: obj.spec.clusterIP ?? '10.0.0.10' },
        };
        this.services.set(this.key(ns, obj.metadata.name), s);
        this.send(res, 201, s);
      });
    }
    this.send(res, 405, status(405, 'method not allowed'));
  }

  /** The Deployment controller, simplified: one ReplicaSet per distinct template, revisions, then ready or stalled. */
  private reconcile(ns: string, d: Json): void {
    const { ['pod-template-hash']: _h, ...tplLabels } = d.spec.template.metadata.labels ?? {};
    const template = { ...d.spec.template, metadata: { ...d.spec.template.metadata, labels: tplLabels } };
    const hash = createHash('sha256').update(JSON.stringify(template)).digest('hex').slice(0, 10);
    const revisions = [...this.replicaSets.values()]
      .filter((rs) => rs.metadata.namespace === ns && rs.metadata.ownerReferences?.[0]?.name === d.metadata.name)
      .map((rs) => Number(rs.metadata.annotations['deployment.kubernetes.io/revision']));
    const next = String(Math.max(0, ...revisions) + 1);
    const rsName = `${d.metadata.name}-${hash}`;
    const rsKey = this.key(ns, rsName);
    const existing = this.replicaSets.get(rsKey);
    // an old template coming back (a rollback) reuses its ReplicaSet under a new revision, as Kubernetes does
    const rs = existing ?? {
      metadata: {
        name: rsName,
        namespace: ns,
        labels: { ...tplLabels, 'pod-template-hash': hash },
        annotations: {},
        ownerReferences: [{ kind: 'Deployment', name: d.metadata.name }],
      },
      spec: { template: { ...template, metadata: { ...template.metadata, labels: { ...tplLabels, 'pod-template-hash': hash } } } },
    };
    rs.metadata.annotations['deployment.kubernetes.io/revision'] = next;
    this.replicaSets.set(rsKey, rs);
    d.metadata.annotations = { ...(d.metadata.annotations ?? {}), 'deployment.kubernetes.io/revision': next };
    const healthy = this.o.healthy(template);
    const replicas = d.spec.replicas;
    setTimeout(() => {
      const cur = this.deployments.get(this.key(ns, d.metadata.name));
      if (!cur || cur.metadata.generation !== d.metadata.generation) return;
      cur.status = healthy
        ? {
            observedGeneration: cur.metadata.generation,
            replicas,
            updatedReplicas: replicas,
            readyReplicas: replicas,
            availableReplicas: replicas,
            conditions: [{ type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' }],
          }
        : {
            observedGeneration: cur.metadata.generation,
            replicas: replicas + 1,
            updatedReplicas: 1,
            readyReplicas: replicas,
            availableReplicas: replicas,
            conditions: [
              { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${rsName}" has timed out progressing.` },
            ],
          };
      cur.metadata.resourceVersion = String(++this.rv);
      if (healthy) this.active.set(this.key(ns, d.metadata.name), rsKey);
      this.notify(ns, cur);
    }, this.o.readyAfterMs ?? 200);
    if (!this.active.get(this.key(ns, d.metadata.name)) && healthy) this.active.set(this.key(ns, d.metadata.name), null);
  }

  /** InferenceServices: create, replace (resourceVersion checked), read, delete; then the predictor becomes ready or fails. */
  private isvcRoute(req: IncomingMessage, res: ServerResponse, ns: string, name: string | undefined): Promise<void> | void {
    const notFound = (n: string) => this.send(res, 404, status(404, `inferenceservices.serving.kserve.io "${n}" not found`));
    if (req.method === 'GET' && name) {
      const o = this.inferenceServices.get(this.key(ns, name));
      return o ? this.send(res, 200, o) : notFound(name);
    }
    if (req.method === 'DELETE' && name) {
      this.isvcServing.delete(this.key(ns, name));
      return this.inferenceServices.delete(this.key(ns, name)) ? this.send(res, 200, status(200, 'deleted')) : notFound(name);
    }
    if (req.method === 'POST' || req.method === 'PUT') {
      return this.body(req).then((obj) => {
        const err = this.check('InferenceService', obj);
        if (err) return this.send(res, 422, status(422, `InferenceService is invalid: ${err}`));
        const k = this.key(ns, obj.metadata.name);
        const live = this.inferenceServices.get(k);
        if (req.method === 'POST' && live) return this.send(res, 409, status(409, `inferenceservices "${obj.metadata.name}" already exists`));
        if (req.method === 'PUT' && !live) return notFound(obj.metadata.name);
        if (req.method === 'PUT' && obj.metadata.resourceVersion !== live!.metadata.resourceVersion)
          return this.send(res, 409, status(409, 'the object has been modified; please apply your changes to the latest version'));
        const generation = (live?.metadata.generation ?? 0) + 1;
        const o = {
          ...obj,
          metadata: { ...obj.metadata, namespace: ns, generation, resourceVersion: String(++this.rv) },
          status: live?.status ?? {},
        };
        this.inferenceServices.set(k, o);
        this.reconcileIsvc(ns, o);
        this.send(res, req.method === 'POST' ? 201 : 200, o);
      });
    }
    this.send(res, 405, status(405, 'method not allowed'));
  }

  /** KServe, simplified: each generation is a new predictor revision; a failed one leaves traffic on the last ready. */
  private reconcileIsvc(ns: string, o: Json): void {
    const k = this.key(ns, o.metadata.name);
    const revision = `${o.metadata.name}-predictor-${String(o.metadata.generation).padStart(5, '0')}`;
    const container = o.spec.predictor.containers[0];
    const healthy = this.o.healthy({ spec: { containers: [container] } });
    setTimeout(() => {
      const cur = this.inferenceServices.get(k);
      if (!cur || cur.metadata.generation !== o.metadata.generation) return;
      const prev = cur.status?.components?.predictor ?? {};
      if (healthy) this.isvcServing.set(k, container.image);
      cur.status = {
        observedGeneration: cur.metadata.generation,
        url: `http://${o.metadata.name}.${ns}.example.com`,
        conditions: healthy
          ? [{ type: 'Ready', status: 'True' }]
          : [
              {
                type: 'Ready',
                status: 'False',
                reason: 'RevisionFailed',
                message: `Revision "${revision}" failed with message: container exceeded its memory limit.`,
              },
            ],
        components: {
          predictor: {
            latestCreatedRevision: revision,
            latestReadyRevision: healthy ? revision : prev.latestReadyRevision,
            traffic: [{ revisionName: healthy ? revision : prev.latestReadyRevision, percent: 100, latestRevision: healthy }],
          },
        },
      };
      cur.metadata.resourceVersion = String(++this.rv);
    }, this.o.readyAfterMs ?? 200);
  }

  private async isvcProxy(req: IncomingMessage, res: ServerResponse, ns: string, name: string, path: string): Promise<void> {
    const image = this.isvcServing.get(this.key(ns, name));
    const base = image ? this.o.backend(image) : null;
    if (!base) return this.send(res, 503, status(503, `no endpoints available for service "${name}-predictor"`));
    const body = req.method === 'POST' ? JSON.stringify(await this.body(req)) : undefined;
    const r = await fetch(base + path, { method: req.method ?? 'GET', ...(body ? { body, headers: { 'content-type': 'application/json' } } : {}) });
    res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' });
    res.end(Buffer.from(await r.arrayBuffer()));
  }

  private notify(ns: string, d: Json): void {
    for (const w of this.watchers) if (w.ns === ns && w.name === d.metadata.name) w.res.write(`${JSON.stringify({ type: 'MODIFIED', object: d })}\n`);
  }

  private servingImage(ns: string, service: string): string | null {
    const a = this.active.get(this.key(ns, service));
    const rs = a ? this.replicaSets.get(a) : null;
    return rs?.spec.template.spec.containers[0].image ?? null;
  }

  private pods(ns: string, selector: string): Json[] {
    const [key, name] = selector.split('=');
    if (key === 'serving.kserve.io/inferenceservice') {
      const o = this.inferenceServices.get(this.key(ns, name ?? ''));
      if (!o || !this.isvcServing.has(this.key(ns, name ?? ''))) return [];
      return Array.from({ length: o.spec.predictor.minReplicas ?? 1 }, (_, i) => ({
        metadata: { name: `${o.status?.components?.predictor?.latestReadyRevision ?? name}-deployment-pod${i}` },
        spec: { nodeName: 'fake-node' },
        status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
      }));
    }
    const d = this.deployments.get(this.key(ns, name ?? ''));
    const a = this.active.get(this.key(ns, name ?? ''));
    if (!d || !a) return [];
    return Array.from({ length: d.spec.replicas }, (_, i) => ({
      metadata: { name: `${a.split('/')[1]}-pod${i}` },
      spec: { nodeName: 'fake-node' },
      status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
    }));
  }

  private async proxy(req: IncomingMessage, res: ServerResponse, ns: string, service: string, path: string): Promise<void> {
    const image = this.servingImage(ns, service);
    const base = image ? this.o.backend(image) : null;
    if (!this.services.has(this.key(ns, service)) || !base) return this.send(res, 503, status(503, `no endpoints available for service "${service}"`));
    const body = req.method === 'POST' ? JSON.stringify(await this.body(req)) : undefined;
    const r = await fetch(base + path, { method: req.method ?? 'GET', ...(body ? { body, headers: { 'content-type': 'application/json' } } : {}) });
    res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' });
    res.end(Buffer.from(await r.arrayBuffer()));
  }
}

function status(code: number, message: string): Json {
  return { kind: 'Status', apiVersion: 'v1', status: code < 400 ? 'Success' : 'Failure', message, code };
}
