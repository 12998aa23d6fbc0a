import { describe, expect, it } from 'vitest';
import { KilnError } from '../../../../src/shared/contract/index.js';
import { ProtoError, ProtoReader, int64, type ProtoSource } from '../../../../src/core/models/protobuf-reader.js';
import { onnxSignature } from '../../../../src/core/models/onnx-signature.js';
import { savedModelSignatures } from '../../../../src/core/models/savedmodel-signature.js';
import { detectFormat, type ArtifactView } from '../../../../src/core/models/detect-format.js';
import { bytes, cat, fixed32, int, onnxModel, onnxValue, savedModel, signatureDef, tfTensor } from '../../../helpers/protobuf-writer.js';

/** A file in memory that counts the bytes read from it. */
function source(buf: Buffer): ProtoSource & { bytesRead: number } {
  const s = {
    size: buf.length,
    bytesRead: 0,
    read(start: number, end: number) {
      const b = buf.subarray(start, Math.min(end, buf.length));
      s.bytesRead += b.length;
      return b;
    },
  };
  return s;
}

const view = (files: Record<string, Buffer>): ArtifactView => ({
  label: '/models/m',
  files: Object.entries(files).map(([path, b]) => ({ path, size: b.length })),
  read: (path, start, end) => files[path]!.subarray(start, end),
});

function invalid(fn: () => unknown): KilnError {
  try {
    fn();
  } catch (e) {
    if (e instanceof KilnError) return e;
    throw e;
  }
  throw new Error('expected MODEL_INVALID');
}

describe('protobuf wire reader', () => {
  it('reads varints (negative int64 in 10 bytes), strings, fixed fields, and skips what it is not asked for', () => {
    const r = new ProtoReader(source(cat(int(1, 300), int(2, -1), bytes(3, 'héllo'), fixed32(4, 7), int(5, 2n ** 63n))));
    const f = [...r.fields()];
    expect(f.map((x) => [x.field, x.wire])).toEqual([
      [1, 0],
      [2, 0],
      [3, 2],
      [4, 5],
      [5, 0],
    ]);
    expect(f[0]!.value).toBe(300n);
    expect(int64(f[1]!)).toBe(-1);
    expect(r.string(f[2]!)).toBe('héllo');
    expect(f[4]!.value).toBe(2n ** 63n);
  });

  it('names what is wrong and where: cut short, a length past its message, wire type 3, field 0', () => {
    const ok = cat(int(1, 8), bytes(2, 'abcdef'));
    const cut = () => [...new ProtoReader(source(ok.subarray(0, ok.length - 2))).fields()];
    expect(cut).toThrow(ProtoError);
    expect(cut).toThrow(/field 2 declares 6 bytes but the file ends after 4 \(cut short\?\) at byte 2/);
    const inner = cat(bytes(1, cat(Buffer.from([0x12, 0x09]), Buffer.from('ab'))), int(2, 1));
    expect(() => {
      const r = new ProtoReader(source(inner));
      for (const f of r.fields()) if (f.field === 1) Array.from(r.fields(f.start, f.end));
    }).toThrow(/field 2 declares 9 bytes, more than its enclosing message holds at byte 2/);
    expect(() => [...new ProtoReader(source(Buffer.from([0x0b, 0x00]))).fields()]).toThrow(/wire type 3/);
    expect(() => [...new ProtoReader(source(Buffer.from([0x00, 0x01]))).fields()]).toThrow(/numbered 0/);
    expect(() => [...new ProtoReader(source(Buffer.from([0x08, 0xff, 0xff]))).fields()]).toThrow(/ends inside a field/);
  });
});

describe('ONNX signature', () => {
  const model = onnxModel({
    initializers: [{ name: 'fc.weight', raw: Buffer.alloc(300_000, 1) }],
    inputs: [onnxValue('pixels', 1, ['batch', 3, 224, 224]), onnxValue('fc.weight', 1, [1000, 512])],
    outputs: [onnxValue('logits', 1, ['batch', 1000]), onnxValue('label', 7, [-1])],
  });

  it('reads graph inputs and outputs (name, elem_type, dims; symbolic dims free), leaving out weights listed as inputs', () => {
    const src = source(model);
    expect(onnxSignature(src)).toEqual({
      inputs: [{ name: 'pixels', dtype: 'float32', shape: [null, 3, 224, 224] }],
      outputs: [
        { name: 'logits', dtype: 'float32', shape: [null, 1000] },
        { name: 'label', dtype: 'int64', shape: [null] },
      ],
    });
    // the 300 kB initializer is skipped, not read
    expect(src.bytesRead).toBeLessThan(model.length / 2);
  });

  it('gives detectFormat the signature; a cut-short file is refused naming the file and the byte', () => {
    const d = detectFormat(view({ 'model.onnx': model }));
    expect(d.format).toBe('onnx');
    expect(d.signature?.inputs[0]?.shape).toEqual([null, 3, 224, 224]);
    const e = invalid(() => detectFormat(view({ 'model.onnx': model.subarray(0, 5000) })));
    expect(e.code).toBe('MODEL_INVALID');
    expect(e.message).toMatch(
      /^model\.onnx in \/models\/m: is not an ONNX model that can be read: field 7 declares \d+ bytes but the file ends after \d+ \(cut short\?\) at byte \d+; nothing was registered$/,
    );
  });
});

describe('SavedModel signature', () => {
  const pb = savedModel([
    { tags: ['train'], signatures: [signatureDef('train_step', [tfTensor('x', 1, [-1, 8])], [tfTensor('loss', 1, [])])] },
    {
      tags: ['serve'],
      graphBytes: 200_000,
      signatures: [
        signatureDef('serving_default', [tfTensor('image', 1, [-1, 28, 28, 1]), tfTensor('extra', 9, null)], [tfTensor('probs', 1, [-1, 10])]),
        signatureDef('embed', [tfTensor('image', 1, [-1, 28, 28, 1])], [tfTensor('vec', 19, [-1, 64])]),
      ],
    },
  ]);

  it('reads serving_default of the "serve" meta graph: names, dtypes, shapes (-1 free, unknown rank null)', () => {
    const src = source(pb);
    const s = savedModelSignatures(src)!;
    expect(s.chosen).toBe('serving_default');
    expect(s.names).toEqual(['embed', 'serving_default']);
    expect(s.signature).toEqual({
      inputs: [
        { name: 'extra', dtype: 'int64', shape: null },
        { name: 'image', dtype: 'float32', shape: [null, 28, 28, 1] },
      ],
      outputs: [{ name: 'probs', dtype: 'float32', shape: [null, 10] }],
    });
    expect(src.bytesRead).toBeLessThan(pb.length / 2);
  });

  it('detectFormat: the signature and which one was read; a damaged saved_model.pb is refused by name', () => {
    const d = detectFormat(view({ 'm/saved_model.pb': pb, 'm/variables/variables.index': Buffer.from('x') }));
    expect(d.format).toBe('savedmodel');
    expect(d.signature?.outputs).toEqual([{ name: 'probs', dtype: 'float32', shape: [null, 10] }]);
    expect(d.warnings[0]).toBe('signature "serving_default" (the model has 2: embed, serving_default)');
    const bad = Buffer.from(pb);
    bad[2] = 0x0f; // the first meta graph's tag becomes wire type 7
    const e = invalid(() => detectFormat(view({ 'm/saved_model.pb': bad })));
    expect(e.message).toMatch(/^m\/saved_model\.pb in \/models\/m: is not a SavedModel that can be read: field 1 has wire type 7/);
    expect(savedModelSignatures(source(savedModel([{ tags: ['serve'], signatures: [] }])))).toBeNull();
  });
});
