import { writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { createServingServer } from '../../resources/serving/src/server.js';
import { loadModel } from '../../resources/serving/src/load-model.js';
import { FakeKubeApi, type FakeKubeOptions } from './fake-kube-api.js';
import { makeModel, type TestModelKind } from './tfjs-models.js';

export interface ServingBackends {
  /** the model folders, in version order (version 1 first), for `models:register` */
  readonly modelDirs: string[];
  /**
   * Starts a FAKE Kubernetes API server whose pods are these serving servers, writes its kubeconfig
   * to `kubeconfig` and stops it with the rest.
   */
  startFake(kubeconfig: string, extra?: Partial<FakeKubeOptions>): Promise<FakeKubeApi>;
  /** Stops the fakes, in the order they were started, then the serving servers. */
  stop(): Promise<void>;
}

/**
 * The pods behind the fake Kubernetes API server: one real serving server (the same code as the
 * image) per model of `kinds`, written under `dir` as m1, m2, …, chosen by the image's version tag
 * (`…:<version>-<12 hex>`).
 */
export async function startServingBackends(dir: string, kinds: readonly TestModelKind[] = ['good', 'bad', 'good']): Promise<ServingBackends> {
  const servers: Server[] = [];
  const fakes: FakeKubeApi[] = [];
  const backends = new Map<string, string>();
  const stop = async (): Promise<void> => {
    for (const f of fakes) await f.stop();
    for (const s of servers) s.close();
  };
  const options: FakeKubeOptions = {
    namespaces: ['default', 'ml'],
    // a memory limit under 40Mi never gets ready (the serving server exits at once)
    healthy: (t) => {
      const mem = /^(\d+)Mi$/.exec(t.spec.containers[0].resources?.limits?.memory ?? '')?.[1];
      return !mem || Number(mem) >= 40;
    },
    backend: (image) => backends.get(/:(\d+)-[0-9a-f]{12}/.exec(image)?.[1] ?? '') ?? null,
  };
  try {
    const modelDirs = await Promise.all(kinds.map((k, i) => makeModel(join(dir, `m${i + 1}`), k)));
    for (const [i, d] of modelDirs.entries()) {
      const s = createServingServer({ name: 'digits', version: String(i + 1), model: loadModel(d) });
      await new Promise<void>((r) => s.server.listen(0, '127.0.0.1', r));
      servers.push(s.server);
      backends.set(String(i + 1), `http://127.0.0.1:${(s.server.address() as { port: number }).port}`);
    }
    return {
      modelDirs,
      async startFake(kubeconfig, extra = {}) {
        const fake = new FakeKubeApi({ ...options, ...extra });
        fakes.push(fake);
        await fake.start();
        writeFileSync(kubeconfig, fake.kubeconfig());
        return fake;
      },
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
