// A tiny protocol-buffers encoder for tests: builds ONNX and SavedModel byte fixtures field by field,
// so the reader is checked against bytes laid out as protoc would write them.

export function varint(n: number | bigint): Buffer {
  let v = BigInt.asUintN(64, BigInt(n));
  const out: number[] = [];
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v) b |= 0x80;
    out.push(b);
  } while (v);
  return Buffer.from(out);
}

const tag = (field: number, wire: number) => varint((field << 3) | wire);

/** field = varint (int32, int64, enum, bool); negative values take 10 bytes, as protoc writes them */
export const int = (field: number, n: number | bigint): Buffer => Buffer.concat([tag(field, 0), varint(n)]);
/** field = length-delimited (string, bytes, embedded message) */
export const bytes = (field: number, b: Buffer | string): Buffer => {
  const buf = typeof b === 'string' ? Buffer.from(b, 'utf8') : b;
  return Buffer.concat([tag(field, 2), varint(buf.length), buf]);
};
export const msg = (field: number, ...parts: Buffer[]): Buffer => bytes(field, Buffer.concat(parts));
export const fixed32 = (field: number, n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return Buffer.concat([tag(field, 5), b]);
};
export const cat = (...parts: Buffer[]): Buffer => Buffer.concat(parts);

// ONNX: ModelProto{ir_version 1, graph 7}; GraphProto{initializer 5, input 11, output 12};
// ValueInfoProto{name 1, type 2}; TypeProto{tensor_type 1}; Tensor{elem_type 1, shape 2}; Dimension{dim_value 1, dim_param 2}
export function onnxValue(name: string, elemType: number, dims: (number | string)[]): Buffer {
  const dimMsgs = dims.map((d) => msg(1, typeof d === 'number' ? int(1, d) : bytes(2, d)));
  return cat(bytes(1, name), msg(2, msg(1, int(1, elemType), msg(2, ...dimMsgs))));
}

export function onnxModel(g: { inputs: Buffer[]; outputs: Buffer[]; initializers?: { name: string; raw: Buffer }[] }): Buffer {
  const graph = cat(
    bytes(2, 'main_graph'),
    ...(g.initializers ?? []).map((t) => msg(5, int(1, 2), int(2, 1), bytes(8, t.name), bytes(9, t.raw))),
    ...g.inputs.map((i) => bytes(11, i)),
    ...g.outputs.map((o) => bytes(12, o)),
  );
  return cat(int(1, 8), bytes(2, 'kiln-test'), msg(7, graph), msg(8, bytes(1, ''), int(2, 17)));
}

// SavedModel{schema_version 1, meta_graphs 2}; MetaGraphDef{meta_info_def 1 {tags 4}, graph_def 2, signature_def 5 map};
// SignatureDef{inputs 1 map, outputs 2 map, method_name 3}; TensorInfo{name 1, dtype 2, tensor_shape 3 {dim 2 {size 1}, unknown_rank 3}}
export function tfTensor(key: string, dtype: number, dims: number[] | null): Buffer {
  const shape = dims === null ? int(3, 1) : cat(...dims.map((d) => msg(2, int(1, d))));
  return cat(bytes(1, key), msg(2, bytes(1, `${key}:0`), int(2, dtype), msg(3, shape)));
}

export function signatureDef(key: string, inputs: Buffer[], outputs: Buffer[]): Buffer {
  return msg(5, bytes(1, key), msg(2, ...inputs.map((i) => bytes(1, i)), ...outputs.map((o) => bytes(2, o)), bytes(3, 'tensorflow/serving/predict')));
}

export function savedModel(metaGraphs: { tags: string[]; signatures: Buffer[]; graphBytes?: number }[]): Buffer {
  return cat(
    int(1, 1),
    ...metaGraphs.map((m) => msg(2, msg(1, ...m.tags.map((t) => bytes(4, t))), bytes(2, Buffer.alloc(m.graphBytes ?? 16, 0x2a)), ...m.signatures)),
  );
}
