import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreWithContext as Core } from '../../helpers/core-with-context.js';
import { getDatasetApi } from '../../../src/core/datasets/get-dataset-api.js';
import { dockerAvailable } from '../../helpers/docker.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { busyboxImage } from '../../helpers/test-images.js';
import { containersCreatedSince, pipelineWorkspace } from './pipeline-workspace.js';

const hasDocker = await dockerAvailable();

describe.skipIf(!hasDocker)('dataset inputs and stored outputs', () => {
  const tmp = useTempDir('kiln-dsio-');
  let core: Core | null = null;
  afterEach(async () => {
    await core?.close();
    core = null;
  });

  it('mounts a dataset version read-only, refuses unknown datasets and versions by line, and restores a deleted output from the store', async () => {
    const img = await busyboxImage();
    const dir = tmp();
    core = await pipelineWorkspace(dir, 'stages: {}\n');
    const ws = core.context.workspaces.get();
    const src = join(dir, 'src');
    mkdirSync(src);
    writeFileSync(join(src, 'rows.csv'), 'a,b\n1,2\n3,4\n');
    const v = await getDatasetApi(ws).addFolder('table', src, { message: 'first' });
    expect(v.version).toBe(1);

    const yaml = (ref: string) => `stages:
  count:
    image: ${img}
    cmd: [sh, -c, 'ls -R /data/table > out/listing && wc -l < $(find /data/table -name rows.csv) > out/n && (touch /data/table/x 2>/dev/null && echo writable || echo read-only) > out/mode']
    inputs: [${ref}]
    outputs: [out]
`;
    writeFileSync(join(ws.root, 'kiln.yaml'), yaml('data:nope@1'));
    await expect(core.invoke('pipelines:run', {})).rejects.toThrow(/^kiln\.yaml:\d+:\d+: stages\.count\.inputs\[0\]: data:nope@1: .*nope/);
    writeFileSync(join(ws.root, 'kiln.yaml'), yaml('data:table@9'));
    await expect(core.invoke('pipelines:run', {})).rejects.toMatchObject({ code: 'PIPELINE_INVALID' });

    writeFileSync(join(ws.root, 'kiln.yaml'), yaml('data:table@latest'));
    const r = await core.invoke('pipelines:run', {});
    expect(r.stages[0]).toMatchObject({ status: 'done' });
    expect(readFileSync(join(ws.root, 'out', 'n'), 'utf8').trim()).toBe('3');
    expect(readFileSync(join(ws.root, 'out', 'mode'), 'utf8').trim()).toBe('read-only');
    expect(r.stages[0]!.outputs.out).toMatch(/^sha256:/);
    const read = ws.db.prepare('SELECT stage, role, name, dataset, version FROM run_datasets WHERE run_id = ?').all(r.id);
    expect(read).toEqual([{ stage: 'count', role: 'input', name: 'data:table@latest', dataset: 'table', version: 1 }]);

    rmSync(join(ws.root, 'out'), { recursive: true, force: true });
    const since = Math.floor(Date.now() / 1000);
    const again = await core.invoke('pipelines:run', {});
    expect(again.stages[0]!.status).toBe('cached');
    expect(existsSync(join(ws.root, 'out', 'n'))).toBe(true);
    expect(readFileSync(join(ws.root, 'out', 'n'), 'utf8').trim()).toBe('3');
    expect(await containersCreatedSince(since, ws.root)).toBe(0);

    // gc past the grace period keeps the outputs of runs that still exist
    ws.db.exec('UPDATE store_roots SET created_at = 0');
    await core.invoke('datasets:gc', {});
    expect((await core.invoke('datasets:verify', {})).ok).toBe(true);
    rmSync(join(ws.root, 'out'), { recursive: true, force: true });
    const afterGc = await core.invoke('pipelines:run', {});
    expect(afterGc.stages[0]).toMatchObject({ status: 'cached' });
    expect(readFileSync(join(ws.root, 'out', 'n'), 'utf8').trim()).toBe('3');

    // executing again reuses the input already materialized for the first run
    const forced = await core.invoke('pipelines:run', { force: true });
    expect(forced.stages[0]).toMatchObject({ status: 'done', exitCode: 0 });
    expect(readFileSync(join(ws.root, 'out', 'n'), 'utf8').trim()).toBe('3');

    // a new version of the input makes the stage stale, naming the input
    writeFileSync(join(src, 'rows.csv'), 'a,b\n1,2\n');
    await getDatasetApi(ws).addFolder('table', src, { message: 'second' });
    const st = await core.invoke('pipelines:status', {});
    expect(st[0]!.reasons.map((x) => x.message)).toContain('input data:table@latest changed');
  });
});
