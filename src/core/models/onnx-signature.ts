import type { ModelSignature, TensorSpec } from '../../shared/contract/index.js';
import { int64, ProtoReader, type ProtoSource } from './protobuf-reader.js';

// TensorProto.DataType, as ONNX numbers it (onnx.proto3)
const ELEM: Record<number, string> = {
  1: 'float32',
  2: 'uint8',
  3: 'int8',
  4: 'uint16',
  5: 'int16',
  6: 'int32',
  7: 'int64',
  8: 'string',
  9: 'bool',
  10: 'float16',
  11: 'float64',
  12: 'uint32',
  13: 'uint64',
  14: 'complex64',
  15: 'complex128',
  16: 'bfloat16',
  17: 'float8e4m3fn',
  18: 'float8e4m3fnuz',
  19: 'float8e5m2',
  20: 'float8e5m2fnuz',
  21: 'uint4',
  22: 'int4',
  23: 'float4e2m1',
};

// field numbers: ModelProto.graph 7; GraphProto.initializer 5, input 11, output 12; ValueInfoProto.name 1, type 2;
// TypeProto.tensor_type 1; TypeProto.Tensor.elem_type 1, shape 2; TensorShapeProto.dim 1; Dimension.dim_value 1, dim_param 2; TensorProto.name 8

function tensorSpec(r: ProtoReader, start: number, end: number): TensorSpec {
  let name = '';
  let dtype: string | null = null;
  let shape: (number | null)[] | null = null;
  for (const f of r.fields(start, end)) {
    if (f.field === 1 && f.wire === 2) name = r.string(f);
    if (f.field !== 2 || f.wire !== 2) continue;
    for (const t of r.fields(f.start, f.end)) {
      if (t.field !== 1 || t.wire !== 2) continue; // sequences, maps, optionals: no tensor signature
      for (const tt of r.fields(t.start, t.end)) {
        if (tt.field === 1 && tt.wire === 0) dtype = ELEM[Number(tt.value)] ?? `onnx-type-${tt.value}`;
        if (tt.field === 2 && tt.wire === 2) {
          shape = [];
          for (const d of r.fields(tt.start, tt.end)) {
            if (d.field !== 1 || d.wire !== 2) continue;
            let size: number | null = null;
            for (const x of r.fields(d.start, d.end)) if (x.field === 1 && x.wire === 0) size = int64(x) >= 0 ? int64(x) : null;
            shape.push(size); // dim_param (a symbolic name like "batch") is a free dimension
          }
        }
      }
    }
  }
  return { name, dtype, shape };
}

/**
 * The graph's inputs and outputs from an ONNX ModelProto. Inputs that are initializers (weights
 * listed as inputs by older exporters) are left out. Throws ProtoError on a damaged file.
 */
export function onnxSignature(src: ProtoSource): ModelSignature | null {
  const r = new ProtoReader(src);
  let graph: { start: number; end: number } | null = null;
  for (const f of r.fields()) if (f.field === 7 && f.wire === 2) graph = f;
  if (!graph) return null;
  const inputs: TensorSpec[] = [];
  const outputs: TensorSpec[] = [];
  const weights = new Set<string>();
  for (const f of r.fields(graph.start, graph.end)) {
    if (f.wire !== 2) continue;
    if (f.field === 11) inputs.push(tensorSpec(r, f.start, f.end));
    else if (f.field === 12) outputs.push(tensorSpec(r, f.start, f.end));
    else if (f.field === 5) for (const t of r.fields(f.start, f.end)) if (t.field === 8 && t.wire === 2) weights.add(r.string(t));
  }
  return { inputs: inputs.filter((t) => !weights.has(t.name)), outputs };
}
