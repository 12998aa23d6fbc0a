import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import type { Core } from '../../core/index.js';
import { KilnError, type Deployment, type DeployTarget, type OpInput, type OpName, type OpOutput } from '../../shared/contract/index.js';
import { cancelOnSigint, withCore, type GlobalOptions } from '../cli-core.js';
import { ProgressPrinter } from '../progress-printer.js';
import { printJson } from '../output.js';

/**
 * A deploy's progress is phases (build, push, roll-out, smoke test) with a message, and bytes only
 * while pushing: the bar printer for pushes, one line per phase change otherwise.
 */
async function long<K extends OpName>(core: Core, op: K, input: OpInput<K>, label: string): Promise<OpOutput<K>> {
  const jobId = `cli-${randomBytes(6).toString('hex')}`;
  const printer = new ProgressPrinter(label, process.stderr);
  let last = '';
  const off = core.on('jobs:progress', (p) => {
    if (p.jobId !== jobId) return;
    if (p.phase === 'push' && p.bytesTotal) return printer.update(p);
    const text = `${label}: ${p.phase}${p.message ? ` — ${p.message}` : ''}`;
    if (text === last) return;
    last = text;
    printer.done();
    process.stderr.write(`${text}\n`);
  });
  const stop = cancelOnSigint(core, jobId);
  try {
    return await core.invoke(op, { ...(input as object), jobId } as OpInput<K>);
  } finally {
    printer.done();
    off();
    stop();
  }
}

const int = (flag: string) => (v: string) => {
  if (!/^\d+$/.test(v)) throw new KilnError('INVALID_INPUT', `${flag} takes a whole number, not ${JSON.stringify(v)}`);
  return Number(v);
};
const num = (flag: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new KilnError('INVALID_INPUT', `${flag} takes a positive number, not ${JSON.stringify(v)}`);
  return n;
};
const when = (ms: number | null) => (ms ? new Date(ms).toISOString().replace('T', ' ').slice(0, 19) : '-');

function line(d: Deployment): string {
  const parts = [`${d.id}`, `#${d.seq}`, `${d.model}@${d.version}`, d.target, d.status, d.url ?? '-', when(d.createdAt)];
  if (d.kind === 'rollback') parts.push(`(rollback of ${d.rollbackOf})`);
  if (d.reason && d.status !== 'live') parts.push(`— ${d.reason}`);
  return parts.join('\t');
}

function timings(d: Deployment): string {
  const t = d.timings;
  const part = (k: keyof typeof t) => (t[k] !== undefined ? `${k} ${t[k]}s` : null);
  return [part('build'), part('push'), part('rollout'), part('smoke'), part('rollback'), part('total')].filter(Boolean).join(', ');
}

/** Prints a finished deploy or rollback; a rolled-back or failed one exits 1 with its reason. */
function report(d: Deployment, json: boolean): void {
  if (json) printJson(d);
  if (d.status === 'live') {
    if (!json) process.stdout.write(`${d.model}@${d.version} is live on ${d.target} as ${d.id}: ${d.url ?? '(not published)'}\n  ${timings(d)}\n`);
    return;
  }
  const what = d.status === 'rolled-back' ? 'was rolled back' : 'failed';
  process.stderr.write(`kiln: deployment ${d.id} of ${d.model}@${d.version} ${what}: ${d.reason ?? d.status}\n`);
  process.exit(1);
}

export function registerDeploy(program: Command, g: () => GlobalOptions): void {
  const targets = program.command('targets').description('where models are deployed: Docker Swarm managers and Kubernetes contexts');
  targets
    .command('add <name>')
    .description('add a deploy target')
    .option('--swarm', 'a Docker Swarm (the engine Kiln uses, or --docker-host)')
    .option('--kubernetes', 'a Kubernetes cluster, through a kubeconfig context')
    .option('--context <ctx>', 'Kubernetes: the kubeconfig context (default: the current one)')
    .option('--namespace <ns>', 'Kubernetes: the namespace (default: default)')
    .option('--kubeconfig <file>', 'Kubernetes: the kubeconfig file (default: $KUBECONFIG or ~/.kube/config)')
    .option('--docker-host <host>', 'Swarm: the manager engine, in DOCKER_HOST syntax')
    .option('--registry <ref>', 'HOST[:PORT]/PREFIX the serving images are pushed to')
    .option('--base-image <img>', 'the serving image FROM: any image with node >= 20 on PATH')
    .option('--publish-mode <mode>', 'Swarm: ingress (routing mesh, default) or host')
    .option('--kserve', 'Kubernetes: serve through a KServe InferenceService (custom predictor) instead of a Deployment + Service')
    .option('--json', 'print JSON')
    .action(
      (
        name: string,
        o: {
          swarm?: boolean;
          kubernetes?: boolean;
          context?: string;
          namespace?: string;
          kubeconfig?: string;
          dockerHost?: string;
          registry?: string;
          baseImage?: string;
          publishMode?: string;
          kserve?: boolean;
          json?: boolean;
        },
      ) =>
        withCore(g(), async (core) => {
          if (!!o.swarm === !!o.kubernetes) throw new KilnError('INVALID_INPUT', 'say which kind of target: --swarm or --kubernetes');
          if (o.publishMode && o.publishMode !== 'ingress' && o.publishMode !== 'host')
            throw new KilnError('INVALID_INPUT', `--publish-mode is ingress or host, not ${JSON.stringify(o.publishMode)}`);
          const t = await core.invoke('targets:add', {
            name,
            kind: o.swarm ? 'swarm' : 'kubernetes',
            ...(o.context ? { context: o.context } : {}),
            ...(o.namespace ? { namespace: o.namespace } : {}),
            ...(o.kubeconfig ? { kubeconfig: o.kubeconfig } : {}),
            ...(o.dockerHost ? { dockerHost: o.dockerHost } : {}),
            ...(o.registry ? { registry: o.registry } : {}),
            ...(o.baseImage ? { baseImage: o.baseImage } : {}),
            ...(o.publishMode ? { publishMode: o.publishMode as 'ingress' | 'host' } : {}),
            ...(o.kserve ? { kserve: true } : {}),
          });
          if (o.json) return printJson(t);
          process.stdout.write(`target ${t.name} added (${describe(t)})\n`);
        }),
    );
  targets
    .command('ls')
    .description('list deploy targets')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) =>
      withCore(g(), async (core) => {
        const list = await core.invoke('targets:list', {});
        if (o.json) return printJson(list);
        if (!list.length) return void process.stdout.write('no targets yet: kiln targets add NAME --swarm [--registry HOST:PORT/PREFIX]\n');
        for (const t of list) process.stdout.write(`${t.name}\t${describe(t)}\n`);
      }),
    );
  targets
    .command('rm <name>')
    .description('remove a deploy target (it must have no live deployment)')
    .option('--json', 'print JSON')
    .action((name: string, o: { json?: boolean }) =>
      withCore(g(), async (core) => {
        const r = await core.invoke('targets:remove', { name });
        if (o.json) return printJson(r);
        process.stdout.write(`target ${name} removed\n`);
      }),
    );

  program
    .command('deploy <ref>')
    .description('serve a model version on a target: build, push, roll out, smoke test; rolled back by itself when unhealthy')
    .requiredOption('-t, --target <name>', 'the deploy target')
    .option('--replicas <n>', 'replicas', int('--replicas'), 1)
    .option('--port <port>', 'publish the service on this port', int('--port'))
    .option('--gpus <n>', 'GPUs per replica', int('--gpus'), 0)
    .option('--memory <size>', 'memory limit per replica, e.g. 512m')
    .option('--cpus <n>', 'CPU limit per replica', num('--cpus'))
    .option('--json', 'print the deployment as JSON (id, status, url, timings…)')
    .action((ref: string, o: { target: string; replicas: number; port?: number; gpus: number; memory?: string; cpus?: number; json?: boolean }) =>
      withCore(g(), async (core) => {
        const at = ref.lastIndexOf('@');
        if (at <= 0 || at === ref.length - 1)
          throw new KilnError('INVALID_INPUT', `${JSON.stringify(ref)} is not a model reference: write NAME@VERSION, e.g. digits@3 (or NAME@ALIAS)`);
        const model = ref.slice(0, at);
        const v = ref.slice(at + 1);
        const version = /^\d+$/.test(v) ? Number(v) : (await core.invoke('models:get', { ref })).version;
        const d = await long(
          core,
          'deployments:create',
          {
            model,
            version,
            target: o.target,
            replicas: o.replicas,
            gpus: o.gpus,
            ...(o.port !== undefined ? { port: o.port } : {}),
            ...(o.memory ? { memory: o.memory } : {}),
            ...(o.cpus !== undefined ? { cpus: o.cpus } : {}),
          },
          `deploying ${model}@${version}`,
        );
        report(d, !!o.json);
      }),
    );

  const deployments = program.command('deployments').description('deployments and their history, per model and target');
  deployments
    .command('ls')
    .description('list deployments, newest first')
    .option('--model <name>', 'only this model')
    .option('--target <name>', 'only this target')
    .option('--json', 'print JSON')
    .action((o: { model?: string; target?: string; json?: boolean }) =>
      withCore(g(), async (core) => {
        const list = await core.invoke('deployments:list', { ...(o.model ? { model: o.model } : {}), ...(o.target ? { target: o.target } : {}) });
        if (o.json) return printJson(list);
        if (!list.length) return void process.stdout.write('no deployments yet: kiln deploy NAME@V --target T\n');
        for (const d of list) process.stdout.write(`${line(d)}\n`);
      }),
    );
  deployments
    .command('show <id>')
    .description('one deployment: status, image, timings, smoke test, gate report')
    .option('--json', 'print JSON')
    .action((id: string, o: { json?: boolean }) =>
      withCore(g(), async (core) => {
        const d = await core.invoke('deployments:get', { id });
        if (o.json) return printJson(d);
        process.stdout.write(`${line(d)}\nimage: ${d.image ?? '-'}\ntimings: ${timings(d) || '-'}\nsmoke test: ${d.smoke?.message ?? '-'}\n`);
      }),
    );
  deployments
    .command('rollback <id>')
    .description('return to the deployment that was live before this one')
    .option('--json', 'print JSON')
    .action((id: string, o: { json?: boolean }) =>
      withCore(g(), async (core) => {
        const d = await long(core, 'deployments:rollback', { id }, `rolling back ${id}`);
        report(d, !!o.json);
      }),
    );
  deployments
    .command('rm <id>')
    .description('stop a live deployment (its service is removed), or delete a past one from the history')
    .option('--json', 'print JSON')
    .action((id: string, o: { json?: boolean }) =>
      withCore(g(), async (core) => {
        const r = await core.invoke('deployments:remove', { id });
        if (o.json) return printJson(r);
        process.stdout.write(r.removedService ? `${r.id}: service removed\n` : `${r.id}: removed from the history\n`);
      }),
    );
}

function describe(t: DeployTarget): string {
  const where =
    t.kind === 'swarm'
      ? `swarm at ${t.dockerHost ?? 'the local engine'}, ${t.publishMode} ports`
      : `kubernetes${t.kserve ? ' (KServe InferenceService)' : ''} context ${t.context ?? '(current)'}, namespace ${t.namespace ?? 'default'}`;
  return `${where}; registry ${t.registry ?? '(none: images stay on the engine)'}; base image ${t.baseImage}`;
}
