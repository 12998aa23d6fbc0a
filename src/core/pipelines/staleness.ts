import type Docker from 'dockerode';
import type { PipelineView, StageStaleness, StaleReason } from '../../shared/contract/index.js';
import type { Workspace } from '../workspace/workspace.js';
import type { DatasetApi, VersionRef } from '../datasets/dataset-api.js';
import { ImageResolver } from './image-resolver.js';
import { TreeHasher } from './tree-digest.js';
import { StageCache } from './stage-cache.js';
import { cacheKey, explainChange, keyParts, type KeyParts } from './cache-key.js';
import { codeSkipper, inputDigests } from './stage-inputs.js';
import { workspaceId } from './workspace-id.js';

/**
 * Which stages would run, and why: the cache key each would have now against the parts of its
 * last successful run (image, cmd, env, params, inputs, code), plus what is upstream of a stale stage.
 */
export async function computeStaleness(
  ws: Workspace,
  p: PipelineView,
  stages: string[],
  docker: Docker | null,
  datasets: DatasetApi,
  env: NodeJS.ProcessEnv = process.env,
): Promise<StageStaleness[]> {
  const store = new StageCache(ws.db);
  const hasher = new TreeHasher(ws.db, ws.root);
  const resolver = docker ? new ImageResolver(docker, ws.root, workspaceId(ws.root), 'never', env) : null;
  const codeTree = await hasher.digest('.', codeSkipper(p));
  const code = codeTree?.digest ?? 'sha256:empty';
  const codeFiles = codeTree && codeTree.files.length <= 5000 ? Object.fromEntries(codeTree.files.map((f) => [f.path, f.sha256])) : undefined;
  const out = new Map<string, StageStaleness>();
  for (const name of stages) {
    const s = p.stages.find((x) => x.name === name)!;
    const last = store.lastOfStage(name);
    const reasons: StaleReason[] = [];
    const versions = new Map<string, VersionRef>();
    for (const inp of s.inputs) {
      if (inp.kind !== 'dataset') continue;
      try {
        versions.set(inp.raw, datasets.resolve(inp.dataset, inp.ref));
      } catch (e) {
        reasons.push({ kind: 'input', name: inp.raw, message: `input ${inp.raw} cannot be resolved: ${e instanceof Error ? e.message : String(e)}` });
      }
    }
    const ups = p.edges.filter((e) => e.to === name).map((e) => e.from);
    for (const u of ups) if (out.get(u)?.stale) reasons.push({ kind: 'upstream', name: u, message: `upstream stage ${u} is stale` });
    let imageId: string | null;
    try {
      imageId = s.image && resolver ? await resolver.peek(s) : null;
    } catch {
      imageId = null;
    }
    if (s.image && !imageId)
      reasons.push({
        kind: 'image',
        message: resolver
          ? `image ${s.image} is not present locally (it will be pulled, or built from this machine's node if it is a node image that cannot be)`
          : 'the Docker engine is not reachable, so the image cannot be checked',
      });
    const inputs = await inputDigests(s, versions, hasher);
    if ('missing' in inputs) reasons.push({ kind: 'input', name: inputs.missing, message: `input ${inputs.missing} does not exist yet` });
    let key: string | null = null;
    if (imageId && !('missing' in inputs)) {
      const now = keyParts(s, imageId, inputs, code, codeFiles);
      key = cacheKey(now);
      const hit = store.findHit(name, key);
      if (!last.ok) reasons.push({ kind: 'never_run', message: 'never ran successfully' });
      else if (!hit) reasons.push(...explainChange(JSON.parse(last.ok.key_json!) as KeyParts, now));
      if (hit) {
        for (const o of hit.outputs) {
          const d = await hasher.digest(o.path);
          if (d?.digest !== o.digest && !safeHas(datasets, o.tree))
            reasons.push({ kind: 'outputs_missing', name: o.path, message: `output ${o.path} was changed or removed and is not in the store` });
        }
      } else if (last.ok && !reasons.some((r) => r.kind !== 'upstream')) {
        reasons.push({ kind: 'unknown', message: 'no earlier run had exactly these inputs' });
      }
    } else if (!last.ok) {
      reasons.push({ kind: 'never_run', message: 'never ran successfully' });
    }
    if (!s.cache) reasons.push({ kind: 'cache_off', message: 'cache: false, so it always runs' });
    out.set(name, { stage: name, stale: reasons.length > 0, reasons, cacheKey: key, lastRunId: last.ok?.run_id ?? null, lastStatus: last.any?.status ?? null });
  }
  return [...out.values()];
}

function safeHas(d: DatasetApi, tree: string | null): boolean {
  try {
    return tree !== null && d.hasTree(tree);
  } catch {
    return false;
  }
}
