import { posix } from 'node:path';
import type { TfjsLayerInfo, TfjsModelPreview } from '../../shared/contract/index.js';

type Shape = (number | null)[];
type LayerConf = { class_name?: string; name?: string; config?: Record<string, unknown>; inbound_nodes?: unknown[] };
interface WeightSpec {
  name?: string;
  shape?: number[];
}
interface Group {
  paths?: unknown;
  weights?: unknown;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const pair = (v: unknown, d: number): [number, number] =>
  Array.isArray(v) ? [Number(v[0] ?? d), Number(v[1] ?? v[0] ?? d)] : typeof v === 'number' ? [v, v] : [d, d];

function inputShapeOf(c: Record<string, unknown>): Shape | null {
  const s = (c.batch_input_shape ?? c.batchInputShape ?? c.batch_shape) as Shape | undefined;
  if (Array.isArray(s)) return s;
  const i = (c.input_shape ?? c.inputShape) as Shape | undefined;
  return Array.isArray(i) ? [null, ...i] : null;
}

function convOut(size: number | null, k: number, stride: number, padding: string): number | null {
  if (size === null) return null;
  return padding === 'same' ? Math.ceil(size / stride) : Math.floor((size - k) / stride) + 1;
}

/** The output shape of one layer from its input shape, for the layers a small model uses; null when not known. */
function outputShape(cls: string, c: Record<string, unknown>, input: Shape | null): Shape | null {
  const own = inputShapeOf(c);
  if (cls === 'InputLayer') return own;
  const inp = own ?? input;
  if (!inp) return null;
  const batch = inp[0] ?? null;
  switch (cls) {
    case 'Dense':
      return num(c.units) === null ? null : [...inp.slice(0, -1), num(c.units)];
    case 'Dropout':
    case 'Activation':
    case 'BatchNormalization':
    case 'LayerNormalization':
    case 'ReLU':
    case 'LeakyReLU':
    case 'Softmax':
    case 'GaussianNoise':
    case 'SpatialDropout1D':
    case 'SpatialDropout2D':
      return inp;
    case 'Flatten': {
      const rest = inp.slice(1);
      return rest.every((d) => d !== null) ? [batch, (rest as number[]).reduce((a, b) => a * b, 1)] : [batch, null];
    }
    case 'Reshape':
      return Array.isArray(c.target_shape ?? c.targetShape) ? [batch, ...((c.target_shape ?? c.targetShape) as Shape)] : null;
    case 'Conv2D':
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      if (inp.length !== 4) return null;
      const conv = cls === 'Conv2D';
      const [kh, kw] = pair(conv ? (c.kernel_size ?? c.kernelSize) : (c.pool_size ?? c.poolSize), 2);
      const [sh, sw] = pair(c.strides, conv ? 1 : kh);
      const pad = String(c.padding ?? 'valid');
      return [batch, convOut(inp[1] ?? null, kh, sh, pad), convOut(inp[2] ?? null, kw, sw, pad), conv ? num(c.filters) : (inp[3] ?? null)];
    }
    case 'GlobalAveragePooling2D':
    case 'GlobalMaxPooling2D':
      return [batch, inp[inp.length - 1] ?? null];
    case 'Embedding':
      return [...inp, num(c.output_dim ?? c.outputDim)];
    default:
      return null;
  }
}

/**
 * What a TF.js model.json holds, read without loading it: its layers (class, output shape where it
 * can be inferred, parameter count from the weights manifest), its weight shards with their sizes.
 * Returns null when the JSON is not a TF.js model.
 */
export function tfjsSummary(path: string, json: unknown, sizeOf: (path: string) => number | undefined): Omit<TfjsModelPreview, 'size'> | null {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return null;
  const j = json as Record<string, unknown>;
  const topo = j.modelTopology as Record<string, unknown> | undefined;
  if (!topo || typeof topo !== 'object' || !Array.isArray(j.weightsManifest)) return null;
  const graph = j.format === 'graph-model' || Array.isArray(topo.node);
  const dir = posix.dirname(path);
  const paramsByLayer = new Map<string, number>();
  let totalParams = 0;
  const shards: TfjsModelPreview['shards'] = [];
  for (const g of j.weightsManifest as Group[]) {
    for (const p of Array.isArray(g.paths) ? (g.paths as unknown[]) : []) {
      const full = dir === '.' ? posix.normalize(String(p)) : posix.normalize(posix.join(dir, String(p)));
      shards.push({ path: full, size: sizeOf(full) ?? null });
    }
    for (const w of Array.isArray(g.weights) ? (g.weights as WeightSpec[]) : []) {
      const n = Array.isArray(w.shape) ? w.shape.reduce((a, b) => a * b, 1) : 0;
      totalParams += n;
      const layer = String(w.name ?? '').split('/')[0]!;
      paramsByLayer.set(layer, (paramsByLayer.get(layer) ?? 0) + n);
    }
  }
  const layers: TfjsLayerInfo[] = [];
  if (graph) {
    for (const n of (topo.node as { name?: string; op?: string }[]).slice(0, 500))
      layers.push({ name: String(n.name ?? ''), className: String(n.op ?? ''), outputShape: null, params: 0 });
  } else {
    const mc = (topo.model_config ?? topo) as LayerConf;
    const conf = mc.config as { layers?: LayerConf[] } | LayerConf[] | undefined;
    const list = Array.isArray(conf) ? conf : Array.isArray(conf?.layers) ? conf.layers : [];
    // a Sequential model's layers chain; a functional model's take their first inbound layer's shape
    const shapes = new Map<string, Shape | null>();
    let prev: Shape | null = null;
    for (const l of list) {
      const c = l.config ?? {};
      const name = String(c.name ?? l.name ?? '');
      const cls = String(l.class_name ?? '');
      let input = prev;
      const inbound = l.inbound_nodes?.[0];
      if (mc.class_name !== 'Sequential' && Array.isArray(inbound) && Array.isArray(inbound[0])) input = shapes.get(String(inbound[0][0])) ?? null;
      const out = outputShape(cls, c, input);
      shapes.set(name, out);
      prev = out;
      layers.push({ name, className: cls, outputShape: out, params: paramsByLayer.get(name) ?? 0 });
    }
  }
  return { kind: 'tfjs-model', path, format: graph ? 'graph' : 'layers', layers, totalParams, shards };
}
