import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { useTempDir } from '../../helpers/temp-dir.js';
import { makeModel } from '../../helpers/tfjs-models.js';
import { onnxModel, onnxValue, savedModel, signatureDef, tfTensor } from '../../helpers/protobuf-writer.js';
import { rejection, useDataCore } from '../datasets/data-workspace.js';

const tmp = useTempDir('kiln-models-');
const dataCore = useDataCore(tmp);

describe('models: register from a folder, read back, check out', () => {
  it('registers a TF.js layers model as numbered versions with format, signature, size and digest', async () => {
    const { core, base } = await dataCore();
    const dir = await makeModel(join(base, 'good'), 'good');
    const v1 = await core.invoke('models:register', { name: 'digits', path: dir });
    expect(v1).toMatchObject({ name: 'digits', version: 1, format: 'tfjs-layers', unsafe: false });
    expect(v1.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(v1.manifestDigest).toBe(v1.digest);
    expect(v1.sizeBytes).toBe(readFileSync(join(dir, 'model.json')).length + readFileSync(join(dir, 'weights.bin')).length);
    expect(v1.signature?.inputs[0]?.shape).toEqual([null, 2]);
    expect(v1.signature?.outputs[0]?.shape).toEqual([null, 2]);
    expect(v1.card).toContain('# digits v1');
    expect(v1.lineage.runId).toBeNull();

    const bad = await makeModel(join(base, 'bad'), 'bad');
    const v2 = await core.invoke('models:register', { name: 'digits', path: bad });
    expect(v2.version).toBe(2);
    expect(v2.digest).not.toBe(v1.digest);

    expect(await core.invoke('models:get', { ref: 'digits@1' })).toMatchObject({ version: 1, digest: v1.digest });
    expect((await core.invoke('models:get', { ref: 'digits@latest' })).version).toBe(2);
    const list = await core.invoke('models:list', {});
    expect(list).toEqual([expect.objectContaining({ name: 'digits', versions: 2, latest: 2, format: 'tfjs-layers' })]);
    const page = await core.invoke('models:versions', { name: 'digits', limit: 1 });
    expect(page.total).toBe(2);
    expect(page.versions.map((v) => v.version)).toEqual([2]);

    const files = await core.invoke('models:files', { ref: 'digits@1' });
    expect(files.entries.map((e) => e.path).sort()).toEqual(['model.json', 'weights.bin']);
    const pv = await core.invoke('models:preview', { ref: 'digits@1', path: 'model.json' });
    // model.json opens as the TF.js summary (layers, shapes, shard sizes), as in datasets and runs
    expect(pv.kind).toBe('tfjs-model');

    const out = join(base, 'co');
    const co = await core.invoke('models:checkout', { ref: 'digits@1', dir: out });
    expect(co.files).toBe(2);
    expect(readdirSync(out).sort()).toEqual(['model.json', 'weights.bin']);
    expect(readFileSync(join(out, 'weights.bin')).equals(readFileSync(join(dir, 'weights.bin')))).toBe(true);

    const card = await core.invoke('models:card-set', { ref: 'digits@1', card: '# Mine\n' });
    expect(card.card).toBe('# Mine\n');
  });

  it('detects the other formats and flags pickle as unsafe without loading it', async () => {
    const { core, base } = await dataCore();
    const put = (name: string, files: Record<string, Buffer | string>) => {
      const d = join(base, name);
      mkdirSync(d, { recursive: true });
      for (const [f, b] of Object.entries(files)) {
        mkdirSync(join(d, f, '..'), { recursive: true });
        writeFileSync(join(d, f), b);
      }
      return d;
    };
    const header = Buffer.from(JSON.stringify({ w: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } }));
    const len = Buffer.alloc(8);
    len.writeBigUInt64LE(BigInt(header.length));
    const cases: [string, Record<string, Buffer | string>, string][] = [
      ['st', { 'model.safetensors': Buffer.concat([len, header, Buffer.alloc(8)]) }, 'safetensors'],
      ['gg', { 'm.gguf': Buffer.concat([Buffer.from('GGUF'), Buffer.from([3, 0, 0, 0]), Buffer.alloc(16)]) }, 'gguf'],
      ['ox', { 'm.onnx': Buffer.from([0x08, 0x07, 0x12, 0x00]) }, 'onnx'],
      ['sm', { 'saved_model.pb': Buffer.from([0x08, 0x01]), 'variables/variables.index': 'x' }, 'savedmodel'],
      ['pk', { 'model.pkl': Buffer.from([0x80, 0x04, 0x95]) }, 'pickle'],
    ];
    for (const [name, files, format] of cases) {
      const v = await core.invoke('models:register', { name, path: put(name, files) });
      expect(v.format, name).toBe(format);
      expect(v.unsafe, name).toBe(format === 'pickle');
    }
  });

  it('refuses a corrupt model.json or a missing weights shard, and registers nothing', async () => {
    const { core, base } = await dataCore();
    const dir = await makeModel(join(base, 'm'), 'good');
    const text = readFileSync(join(dir, 'model.json'), 'utf8');
    writeFileSync(join(dir, 'model.json'), text.slice(0, 40));
    const e1 = await rejection(core.invoke('models:register', { name: 'digits', path: dir }));
    expect(e1.code).toBe('MODEL_INVALID');
    expect(e1.message).toMatch(/model\.json.*not valid JSON/);

    const dir2 = await makeModel(join(base, 'm2'), 'good');
    writeFileSync(join(dir2, 'model.json'), text.replace('weights.bin', 'group1-shard1of1.bin'));
    const e2 = await rejection(core.invoke('models:register', { name: 'digits', path: dir2 }));
    expect(e2.code).toBe('MODEL_INVALID');
    expect(e2.message).toContain('group1-shard1of1.bin');

    const dir3 = await makeModel(join(base, 'm3'), 'good');
    writeFileSync(join(dir3, 'weights.bin'), readFileSync(join(dir3, 'weights.bin')).subarray(0, 8));
    const e3 = await rejection(core.invoke('models:register', { name: 'digits', path: dir3 }));
    expect(e3.message).toMatch(/declares \d+ bytes/);

    expect(await core.invoke('models:list', {})).toEqual([]);
    expect((await rejection(core.invoke('models:get', { ref: 'digits@1' }))).code).toBe('MODEL_NOT_FOUND');
  });

  it('reads ONNX and SavedModel signatures through the content store (weights spread over many chunks); a cut-short file registers nothing', async () => {
    const { core, base } = await dataCore();
    // incompressible weights so the file spans several content-defined chunks
    const raw = Buffer.alloc(6 * 1024 * 1024);
    for (let i = 0; i < raw.length; i += 4) raw.writeUInt32LE((Math.imul(i, 2654435761) ^ (i >>> 7)) >>> 0, i);
    const model = onnxModel({
      initializers: [{ name: 'w', raw }],
      inputs: [onnxValue('x', 1, ['N', 16])],
      outputs: [onnxValue('y', 1, ['N', 4])],
    });
    mkdirSync(join(base, 'onnx'));
    writeFileSync(join(base, 'onnx', 'model.onnx'), model);
    const v = await core.invoke('models:register', { name: 'ox', path: join(base, 'onnx') });
    expect(v.format).toBe('onnx');
    expect(v.signature).toEqual({ inputs: [{ name: 'x', dtype: 'float32', shape: [null, 16] }], outputs: [{ name: 'y', dtype: 'float32', shape: [null, 4] }] });

    mkdirSync(join(base, 'sm', 'variables'), { recursive: true });
    writeFileSync(join(base, 'sm', 'variables', 'variables.index'), 'x');
    writeFileSync(
      join(base, 'sm', 'saved_model.pb'),
      savedModel([{ tags: ['serve'], signatures: [signatureDef('serving_default', [tfTensor('x', 1, [-1, 16])], [tfTensor('y', 3, [-1])])] }]),
    );
    const sm = await core.invoke('models:register', { name: 'sm', path: join(base, 'sm') });
    expect(sm.signature).toEqual({ inputs: [{ name: 'x', dtype: 'float32', shape: [null, 16] }], outputs: [{ name: 'y', dtype: 'int32', shape: [null] }] });

    mkdirSync(join(base, 'cut'));
    writeFileSync(join(base, 'cut', 'model.onnx'), model.subarray(0, 3 * 1024 * 1024));
    const e = await rejection(core.invoke('models:register', { name: 'cut', path: join(base, 'cut') }));
    expect(e.code).toBe('MODEL_INVALID');
    expect(e.message).toContain('model.onnx in ');
    expect(e.message).toMatch(/cut short/);
    expect((await core.invoke('models:list', {})).map((m) => m.name)).not.toContain('cut');
  });
});
