import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import type * as ClientNode from '@kubernetes/client-node';
import type { KubeConfig } from '@kubernetes/client-node';
import { KilnError } from '../../../shared/contract/index.js';
import { importExternal } from '../../import-external.js';

/** One kubeconfig context, resolved by @kubernetes/client-node, which also authenticates every request. */
export interface KubeCluster {
  /** set to `context` as its current context: its applyToHTTPSOptions authenticates as that context's user */
  kc: KubeConfig;
  context: string;
  server: string;
  namespace: string | null;
}

/**
 * The files `KubeConfig.loadFromDefault()` reads (every $KUBECONFIG entry, else ~/.kube/config), but
 * from the environment Kiln was given: core may run with another env than its process (tests, the app).
 */
export function kubeconfigFiles(explicit: string | null, env: NodeJS.ProcessEnv): string[] {
  if (explicit) return [explicit];
  const list = env.KUBECONFIG?.split(delimiter).filter(Boolean);
  return list?.length ? list : [join(env.HOME ?? homedir(), '.kube', 'config')];
}

/** Loads the kubeconfig through client-node (imported here, only when a Kubernetes target is used). */
export async function loadKubeconfig(explicit: string | null, env: NodeJS.ProcessEnv, context: string | null): Promise<KubeCluster> {
  // client-node is ESM only and stays out of the CLI bundle (see importExternal)
  const { KubeConfig } = await importExternal<typeof ClientNode>('@kubernetes/client-node');
  const files = kubeconfigFiles(explicit, env);
  const where = files.join(delimiter);
  if (!explicit && !env.KUBECONFIG && !existsSync(files[0]!))
    throw new KilnError('TARGET_INVALID', `no kubeconfig: $KUBECONFIG is not set and ${files[0]} does not exist; give the target a --kubeconfig FILE`);
  const kc = new KubeConfig();
  for (const [i, file] of files.entries()) {
    try {
      if (i === 0) kc.loadFromFile(file);
      else {
        const more = new KubeConfig();
        more.loadFromFile(file);
        // as kubectl: the first file that names a current-context wins
        kc.mergeConfig(more, !!kc.getCurrentContext());
      }
    } catch (e) {
      throw new KilnError('TARGET_INVALID', `cannot read the kubeconfig ${file}: ${(e as Error).message}`);
    }
  }
  const names = kc.getContexts().map((c) => c.name);
  const name = context ?? (kc.getCurrentContext() || null);
  if (!name)
    throw new KilnError('TARGET_INVALID', `the kubeconfig ${where} has no current-context: give the target a --context (${names.join(', ') || 'it has none'})`);
  const ctx = kc.getContextObject(name);
  if (!ctx) throw new KilnError('TARGET_INVALID', `the kubeconfig ${where} has no context "${name}"; its contexts are: ${names.join(', ') || '(none)'}`);
  const cluster = kc.getCluster(ctx.cluster);
  if (!cluster?.server) throw new KilnError('TARGET_INVALID', `context "${name}" in ${where} names cluster "${ctx.cluster}", which is not in the kubeconfig`);
  if (ctx.user && !kc.getUser(ctx.user))
    throw new KilnError('TARGET_INVALID', `context "${name}" in ${where} names user "${ctx.user}", who is not in the kubeconfig`);
  kc.setCurrentContext(name);
  return { kc, context: name, server: cluster.server.replace(/\/+$/, ''), namespace: ctx.namespace ?? null };
}
