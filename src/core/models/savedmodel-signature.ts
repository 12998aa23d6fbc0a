import type { ModelSignature, TensorSpec } from '../../shared/contract/index.js';
import { int64, ProtoReader, type ProtoField, type ProtoSource } from './protobuf-reader.js';

// tensorflow/core/framework/types.proto DataType (the _REF variants are 100 more)
const DT: Record<number, string> = {
  1: 'float32',
  2: 'float64',
  3: 'int32',
  4: 'uint8',
  5: 'int16',
  6: 'int8',
  7: 'string',
  8: 'complex64',
  9: 'int64',
  10: 'bool',
  11: 'qint8',
  12: 'quint8',
  13: 'qint32',
  14: 'bfloat16',
  15: 'qint16',
  16: 'quint16',
  17: 'uint16',
  18: 'complex128',
  19: 'float16',
  20: 'resource',
  21: 'variant',
  22: 'uint32',
  23: 'uint64',
};

export interface SavedModelSignatures {
  /** the signature used: serving_default when present, else the first by name */
  chosen: string;
  signature: ModelSignature;
  /** every signature key of the meta graph, sorted */
  names: string[];
}

type Range = { start: number; end: number };

/** A map<string, M> entry: key (1) and the value's bytes (2). */
function entry(r: ProtoReader, f: ProtoField): { key: string; value: Range | null } {
  let key = '';
  let value: Range | null = null;
  for (const x of r.fields(f.start, f.end)) {
    if (x.field === 1 && x.wire === 2) key = r.string(x);
    if (x.field === 2 && x.wire === 2) value = x;
  }
  return { key, value };
}

// TensorInfo: name 1, dtype 2, tensor_shape 3; TensorShapeProto: dim 2, unknown_rank 3; Dim: size 1
function tensorInfo(r: ProtoReader, key: string, v: Range | null): TensorSpec {
  let dtype: string | null = null;
  let shape: (number | null)[] | null = null;
  if (v)
    for (const f of r.fields(v.start, v.end)) {
      if (f.field === 2 && f.wire === 0) {
        const n = Number(f.value);
        dtype = DT[n > 100 ? n - 100 : n] ?? `tf-type-${n}`;
      }
      if (f.field === 3 && f.wire === 2) {
        const dims: (number | null)[] = [];
        let unknownRank = false;
        for (const d of r.fields(f.start, f.end)) {
          if (d.field === 3 && d.wire === 0 && d.value !== 0n) unknownRank = true;
          if (d.field !== 2 || d.wire !== 2) continue;
          let size = 0; // a Dim without size is proto3's default, 0
          for (const x of r.fields(d.start, d.end)) if (x.field === 1 && x.wire === 0) size = int64(x);
          dims.push(size < 0 ? null : size);
        }
        shape = unknownRank ? null : dims;
      }
    }
  return { name: key, dtype, shape };
}

/**
 * The signatures of a SavedModel (saved_model.pb): SavedModel.meta_graphs (2) → the meta graph
 * tagged "serve" (else the first) → signature_def (5), a map of SignatureDef {inputs 1, outputs 2}.
 * Returns null when it holds none. Throws ProtoError on a damaged file.
 */
export function savedModelSignatures(src: ProtoSource): SavedModelSignatures | null {
  const r = new ProtoReader(src);
  const graphs: Range[] = [];
  for (const f of r.fields()) if (f.field === 2 && f.wire === 2) graphs.push(f);
  if (!graphs.length) return null;
  const tagsOf = (g: Range): string[] => {
    const tags: string[] = [];
    for (const f of r.fields(g.start, g.end))
      if (f.field === 1 && f.wire === 2) for (const t of r.fields(f.start, f.end)) if (t.field === 4 && t.wire === 2) tags.push(r.string(t));
    return tags;
  };
  const graph = graphs.find((g) => tagsOf(g).includes('serve')) ?? graphs[0]!;
  const defs = new Map<string, Range | null>();
  for (const f of r.fields(graph.start, graph.end)) {
    if (f.field !== 5 || f.wire !== 2) continue;
    const e = entry(r, f);
    defs.set(e.key, e.value);
  }
  if (!defs.size) return null;
  const names = [...defs.keys()].sort();
  const chosen = defs.has('serving_default') ? 'serving_default' : names[0]!;
  const def = defs.get(chosen) ?? null;
  const inputs: TensorSpec[] = [];
  const outputs: TensorSpec[] = [];
  if (def)
    for (const f of r.fields(def.start, def.end)) {
      if (f.wire !== 2 || (f.field !== 1 && f.field !== 2)) continue;
      const e = entry(r, f);
      (f.field === 1 ? inputs : outputs).push(tensorInfo(r, e.key, e.value));
    }
  // map order on the wire is not defined: sort by name so the same model always reads the same
  const byName = (a: TensorSpec, b: TensorSpec) => a.name.localeCompare(b.name);
  return { chosen, names, signature: { inputs: inputs.sort(byName), outputs: outputs.sort(byName) } };
}
