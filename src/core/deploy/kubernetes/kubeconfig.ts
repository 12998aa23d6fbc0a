import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { KilnError } from '../../../shared/contract/index.js';

/** What a request to the API server needs, resolved from one kubeconfig context. */
export interface KubeCluster {
  context: string;
  server: string;
  namespace: string | null;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  token?: string;
  insecure: boolean;
}

interface Named<T> {
  name: string;
  [k: string]: unknown;
  value?: T;
}

const data = (inline: unknown, file: unknown): Buffer | undefined => {
  if (typeof inline === 'string') return Buffer.from(inline, 'base64');
  if (typeof file === 'string') return readFileSync(file);
  return undefined;
};

/** $KUBECONFIG's first file, else ~/.kube/config (as kubectl does, without merging several files). */
export function kubeconfigPath(explicit: string | null, env: NodeJS.ProcessEnv): string {
  return explicit ?? env.KUBECONFIG?.split(':')[0] ?? join(env.HOME ?? homedir(), '.kube', 'config');
}

export function loadKubeconfig(path: string, context: string | null): KubeCluster {
  let doc: Record<string, unknown>;
  try {
    doc = parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new KilnError('TARGET_INVALID', `cannot read the kubeconfig ${path}: ${(e as Error).message}`);
  }
  const contexts = (doc.contexts as Named<unknown>[] | undefined) ?? [];
  const name = context ?? (doc['current-context'] as string | undefined);
  if (!name)
    throw new KilnError(
      'TARGET_INVALID',
      `the kubeconfig ${path} has no current-context: give the target a --context (${contexts.map((c) => c.name).join(', ') || 'it has none'})`,
    );
  const ctx = contexts.find((c) => c.name === name);
  if (!ctx)
    throw new KilnError(
      'TARGET_INVALID',
      `the kubeconfig ${path} has no context "${name}"; its contexts are: ${contexts.map((c) => c.name).join(', ') || '(none)'}`,
    );
  const c = ctx.context as { cluster?: string; user?: string; namespace?: string };
  const cluster = ((doc.clusters as Named<unknown>[] | undefined) ?? []).find((x) => x.name === c.cluster)?.cluster as Record<string, unknown> | undefined;
  if (!cluster?.server) throw new KilnError('TARGET_INVALID', `context "${name}" in ${path} names cluster "${c.cluster}", which has no server`);
  const user = (((doc.users as Named<unknown>[] | undefined) ?? []).find((x) => x.name === c.user)?.user ?? {}) as Record<string, unknown>;
  const ca = data(cluster['certificate-authority-data'], cluster['certificate-authority']);
  const cert = data(user['client-certificate-data'], user['client-certificate']);
  const key = data(user['client-key-data'], user['client-key']);
  const token = typeof user.token === 'string' ? user.token : typeof user.tokenFile === 'string' ? readFileSync(user.tokenFile, 'utf8').trim() : undefined;
  return {
    context: name,
    server: String(cluster.server).replace(/\/+$/, ''),
    namespace: c.namespace ?? null,
    insecure: cluster['insecure-skip-tls-verify'] === true,
    ...(ca ? { ca } : {}),
    ...(cert ? { cert } : {}),
    ...(key ? { key } : {}),
    ...(token ? { token } : {}),
  };
}
