import { posix } from 'node:path';
import { KilnError, type ModelFormat, type ModelSignature, type TensorSpec } from '../../shared/contract/index.js';
import { ProtoError, type ProtoSource } from './protobuf-reader.js';
import { onnxSignature } from './onnx-signature.js';
import { savedModelSignatures } from './savedmodel-signature.js';

/** What format detection needs of a stored tree: its files and a way to read their bytes. */
export interface ArtifactView {
  /** file paths and sizes, manifest order */
  files: { path: string; size: number }[];
  read(path: string, start: number, end: number): Buffer;
  /** for messages, e.g. "/tmp/m" or "run 12 output model" */
  label: string;
}

export interface Detected {
  format: ModelFormat;
  signature: ModelSignature | null;
  unsafe: boolean;
  warnings: string[];
  /** TF.js: the model.json path inside the artifact */
  entry: string | null;
}

const PICKLE = /\.(pkl|pickle|joblib|pt|pth|ckpt)$/i;
const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, float16: 2, uint8: 1, int8: 1, uint16: 2, int16: 2, complex64: 8 };
const MAX_JSON = 64 * 1024 * 1024;

function invalid(view: ArtifactView, path: string, what: string): never {
  throw new KilnError('MODEL_INVALID', `${path} in ${view.label}: ${what}; nothing was registered`, { path });
}

/**
 * Finds the model format from the files (and their first bytes), checks the files the format
 * needs are whole, and reads the signature where the format carries one. Never loads a model.
 */
export function detectFormat(view: ArtifactView): Detected {
  const files = view.files;
  if (!files.length) throw new KilnError('MODEL_INVALID', `${view.label} holds no files; nothing was registered`);
  const sizes = new Map(files.map((f) => [f.path, f.size]));
  const pickles = files.filter((f) => PICKLE.test(f.path) || posix.basename(f.path) === 'pytorch_model.bin');
  const unsafeWarn = pickles.length
    ? [
        `${pickles
          .map((f) => f.path)
          .slice(0, 5)
          .join(', ')}: pickle files run code when loaded; Kiln stores them but never loads them`,
      ]
    : [];

  const modelJsons = files.filter((f) => posix.basename(f.path) === 'model.json');
  if (modelJsons.length) {
    const mj = modelJsons.sort((a, b) => a.path.split('/').length - b.path.split('/').length)[0]!;
    const d = detectTfjs(view, mj.path, mj.size, sizes);
    return { ...d, unsafe: pickles.length > 0, warnings: [...d.warnings, ...unsafeWarn] };
  }
  const saved = files.find((f) => posix.basename(f.path) === 'saved_model.pb' || posix.basename(f.path) === 'saved_model.pbtxt');
  if (saved) {
    const dir = posix.dirname(saved.path);
    const hasVars = files.some((f) => f.path.startsWith(dir === '.' ? 'variables/' : `${dir}/variables/`));
    const sigs = saved.path.endsWith('.pb') ? protoRead(view, saved.path, saved.size, 'a SavedModel', savedModelSignatures) : null;
    const warnings = [
      saved.path.endsWith('.pbtxt')
        ? 'the signature of a text SavedModel (saved_model.pbtxt) is not read'
        : sigs
          ? `signature ${JSON.stringify(sigs.chosen)}${sigs.names.length > 1 ? ` (the model has ${sigs.names.length}: ${sigs.names.join(', ')})` : ''}`
          : 'the SavedModel declares no signature',
      'evaluation needs a TF.js conversion',
      ...(hasVars ? [] : ['no variables/ folder next to saved_model.pb']),
      ...unsafeWarn,
    ];
    return { format: 'savedmodel', signature: sigs?.signature ?? null, unsafe: pickles.length > 0, warnings, entry: saved.path };
  }
  const onnx = files.find((f) => /\.onnx$/i.test(f.path));
  if (onnx) {
    const head = view.read(onnx.path, 0, Math.min(onnx.size, 64));
    // an ONNX ModelProto starts with field 1 (ir_version, varint): tag byte 0x08
    if (head.length < 2 || head[0] !== 0x08) invalid(view, onnx.path, 'is not an ONNX model (it does not start with an ir_version field)');
    const signature = protoRead(view, onnx.path, onnx.size, 'an ONNX model', onnxSignature);
    return {
      format: 'onnx',
      signature,
      unsafe: pickles.length > 0,
      warnings: [...(signature ? [] : ['the ONNX model has no graph: no signature']), 'evaluation needs a TF.js conversion', ...unsafeWarn],
      entry: onnx.path,
    };
  }
  const st = files.filter((f) => /\.safetensors$/i.test(f.path));
  if (st.length) {
    let tensors = 0;
    for (const f of st) tensors += checkSafetensors(view, f.path, f.size);
    return {
      format: 'safetensors',
      signature: null,
      unsafe: pickles.length > 0,
      warnings: [`${tensors} tensors; safetensors holds weights, not an input/output signature`, ...unsafeWarn],
      entry: st[0]!.path,
    };
  }
  const gguf = files.find((f) => /\.gguf$/i.test(f.path));
  if (gguf) {
    const head = view.read(gguf.path, 0, 8);
    if (head.length < 8 || head.subarray(0, 4).toString('latin1') !== 'GGUF') invalid(view, gguf.path, 'is not a GGUF file (its first bytes are not "GGUF")');
    return { format: 'gguf', signature: null, unsafe: pickles.length > 0, warnings: [`GGUF version ${head.readUInt32LE(4)}`, ...unsafeWarn], entry: gguf.path };
  }
  if (pickles.length) return { format: 'pickle', signature: null, unsafe: true, warnings: unsafeWarn, entry: pickles[0]!.path };
  return {
    format: 'unknown',
    signature: null,
    unsafe: false,
    warnings: ['no known model format found (TF.js model.json, SavedModel, ONNX, safetensors, GGUF); stored as files'],
    entry: null,
  };
}

/** Runs a protobuf walk over a stored file; a damaged file is MODEL_INVALID naming the file and the byte. */
function protoRead<T>(view: ArtifactView, path: string, size: number, what: string, walk: (src: ProtoSource) => T): T {
  try {
    return walk({ size, read: (start, end) => view.read(path, start, Math.min(end, size)) });
  } catch (e) {
    if (e instanceof ProtoError) return invalid(view, path, `is not ${what} that can be read: ${e.message}`);
    throw e;
  }
}

function readJson(view: ArtifactView, path: string, size: number): unknown {
  if (size > MAX_JSON) invalid(view, path, `is ${size} bytes, larger than a model.json can be`);
  const text = view.read(path, 0, size).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    let where = '';
    if (m) {
      const pos = Number(m[1]);
      const before = text.slice(0, pos);
      where = ` at line ${before.split('\n').length}, column ${pos - before.lastIndexOf('\n')}`;
    } else if (/end of (JSON )?input|Unterminated/i.test((e as Error).message)) where = ' (it ends early: the file is cut short)';
    return invalid(view, path, `is not valid JSON${where}: ${(e as Error).message}`);
  }
}

interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: unknown;
}

function detectTfjs(view: ArtifactView, path: string, size: number, sizes: Map<string, number>): Omit<Detected, 'unsafe'> & { warnings: string[] } {
  const j = readJson(view, path, size) as Record<string, unknown> | null;
  if (!j || typeof j !== 'object' || Array.isArray(j)) invalid(view, path, 'is not a JSON object');
  const topo = j.modelTopology as Record<string, unknown> | undefined;
  if (!topo || typeof topo !== 'object') invalid(view, path, 'has no modelTopology: it is not a TensorFlow.js model');
  const isGraph = j.format === 'graph-model' || Array.isArray(topo.node);
  const manifest = j.weightsManifest;
  if (!Array.isArray(manifest)) invalid(view, path, 'has no weightsManifest list');
  const dir = posix.dirname(path);
  const warnings: string[] = [];
  (manifest as { paths?: unknown; weights?: unknown }[]).forEach((group, gi) => {
    if (!Array.isArray(group.paths) || !Array.isArray(group.weights)) invalid(view, path, `weightsManifest[${gi}] needs paths and weights lists`);
    let have = 0;
    for (const p of group.paths as string[]) {
      const full = dir === '.' ? posix.normalize(p) : posix.normalize(posix.join(dir, p));
      const s = sizes.get(full);
      if (s === undefined) invalid(view, path, `names the weights shard ${JSON.stringify(p)} (weightsManifest[${gi}]), which is missing`);
      have += s;
    }
    let want = 0;
    let exact = true;
    for (const w of group.weights as WeightSpec[]) {
      const b = DTYPE_BYTES[w.dtype];
      if (!Array.isArray(w.shape) || b === undefined || w.quantization) {
        exact = false;
        continue;
      }
      want += w.shape.reduce((a, n) => a * n, 1) * b;
    }
    if (exact && want !== have)
      invalid(view, path, `weightsManifest[${gi}] declares ${want} bytes of weights but its shards hold ${have}: a shard is damaged or cut short`);
  });
  const signature = isGraph ? graphSignature(j) : layersSignature(topo);
  if (!signature) warnings.push('the input/output signature could not be read from the topology');
  return { format: isGraph ? 'tfjs-graph' : 'tfjs-layers', signature, warnings, entry: path };
}

type LayerConf = { class_name?: string; name?: string; config?: Record<string, unknown> };

function layersSignature(topo: Record<string, unknown>): ModelSignature | null {
  const mc = (topo.model_config ?? topo) as LayerConf;
  const conf = mc.config as { layers?: LayerConf[]; input_layers?: unknown[][]; output_layers?: unknown[][] } | undefined;
  const layers = Array.isArray(conf?.layers) ? conf.layers : null;
  if (!layers?.length) return null;
  const shapeOf = (l: LayerConf): (number | null)[] | null => {
    const c = l.config ?? {};
    const s = (c.batch_input_shape ?? c.batchInputShape ?? c.batch_shape) as (number | null)[] | undefined;
    if (Array.isArray(s)) return s;
    const i = (c.input_shape ?? c.inputShape) as number[] | undefined;
    return Array.isArray(i) ? [null, ...i] : null;
  };
  const dtypeOf = (l: LayerConf) => (typeof l.config?.dtype === 'string' ? l.config.dtype : 'float32');
  const outOf = (l: LayerConf): TensorSpec => ({
    name: l.name ?? String(l.config?.name ?? 'output'),
    dtype: 'float32',
    shape: typeof l.config?.units === 'number' ? [null, l.config.units] : null,
  });
  const byName = new Map(layers.map((l) => [String(l.config?.name ?? l.name), l]));
  if (mc.class_name === 'Sequential') {
    const first = layers[0]!;
    return {
      inputs: [{ name: String(first.config?.name ?? 'input'), dtype: dtypeOf(first), shape: shapeOf(first) }],
      outputs: [outOf(layers[layers.length - 1]!)],
    };
  }
  const ins = (conf?.input_layers ?? []).map((x) => byName.get(String(x[0]))).filter((l): l is LayerConf => l !== undefined);
  const outs = (conf?.output_layers ?? []).map((x) => byName.get(String(x[0]))).filter((l): l is LayerConf => l !== undefined);
  if (!ins.length) return null;
  return { inputs: ins.map((l) => ({ name: String(l.config?.name ?? l.name), dtype: dtypeOf(l), shape: shapeOf(l) })), outputs: outs.map(outOf) };
}

function graphSignature(j: Record<string, unknown>): ModelSignature | null {
  const sig = (j.signature ?? (j.userDefinedMetadata as Record<string, unknown> | undefined)?.signature) as
    { inputs?: Record<string, GraphTensor>; outputs?: Record<string, GraphTensor> } | undefined;
  if (!sig?.inputs) return null;
  const conv = (m: Record<string, GraphTensor> | undefined): TensorSpec[] =>
    Object.entries(m ?? {}).map(([k, t]) => ({
      name: t.name ?? k,
      dtype: t.dtype
        ? t.dtype
            .replace(/^DT_/, '')
            .toLowerCase()
            .replace(/^float$/, 'float32')
            .replace(/^int32$/, 'int32')
        : null,
      shape: t.tensorShape?.dim ? t.tensorShape.dim.map((d) => (d.size === undefined || Number(d.size) < 0 ? null : Number(d.size))) : null,
    }));
  return { inputs: conv(sig.inputs), outputs: conv(sig.outputs) };
}

interface GraphTensor {
  name?: string;
  dtype?: string;
  tensorShape?: { dim?: { size?: string | number }[] };
}

/** Checks a safetensors header (u64 length + JSON whose offsets fit the file); returns its tensor count. */
function checkSafetensors(view: ArtifactView, path: string, size: number): number {
  if (size < 8) invalid(view, path, 'is too short to be a safetensors file');
  const n = Number(view.read(path, 0, 8).readBigUInt64LE(0));
  if (n <= 0 || 8 + n > size || n > MAX_JSON) invalid(view, path, `declares a ${n}-byte header, which does not fit its ${size} bytes`);
  let header: Record<string, { dtype?: string; shape?: number[]; data_offsets?: [number, number] }>;
  try {
    header = JSON.parse(view.read(path, 8, 8 + n).toString('utf8')) as typeof header;
  } catch (e) {
    return invalid(view, path, `has a header that is not valid JSON: ${(e as Error).message}`);
  }
  let count = 0;
  for (const [k, t] of Object.entries(header)) {
    if (k === '__metadata__') continue;
    count++;
    const end = t.data_offsets?.[1];
    if (typeof end !== 'number' || 8 + n + end > size) invalid(view, path, `tensor ${JSON.stringify(k)} lies past the end of the file (cut short?)`);
  }
  return count;
}
