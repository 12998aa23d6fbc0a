/**
 * Wire format for values that hold typed arrays (metric series): JSON for the structure, the
 * arrays' bytes appended raw, so a million points cost 8 MB instead of ~20 MB of JSON text
 * and no number parsing. Layout: "KLN1" | u32 json length | json | pad to 8 | array bytes...
 * Values without typed arrays go as plain JSON.
 */
const MAGIC = 0x314e4c4b; // "KLN1" little-endian
export const BINARY_CONTENT_TYPE = 'application/x-kiln-bin';

type TypedArray = Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array | BigInt64Array | BigUint64Array;
const ctors = { Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array, BigInt64Array, BigUint64Array } as const;
type CtorName = keyof typeof ctors;

function isTyped(v: unknown): v is TypedArray {
  return ArrayBuffer.isView(v) && !(v instanceof DataView);
}

export function containsTypedArray(v: unknown, depth = 0): boolean {
  if (depth > 8 || v === null || typeof v !== 'object') return false;
  if (isTyped(v)) return true;
  if (Array.isArray(v)) return v.length > 0 && v.length < 10_000 && v.some((x) => containsTypedArray(x, depth + 1));
  return Object.values(v).some((x) => containsTypedArray(x, depth + 1));
}

export function encodeBinary(value: unknown): Uint8Array {
  const arrays: TypedArray[] = [];
  // Offsets are relative to the start of the array section, so they are known before the JSON length is.
  let section = 0;
  const json = JSON.stringify(value, (_k, v: unknown) => {
    if (isTyped(v)) {
      arrays.push(v);
      const ref = { $ta: v.constructor.name, o: section, n: v.length };
      section = align8(section + v.byteLength);
      return ref;
    }
    return v;
  });
  const jsonBytes = new TextEncoder().encode(json);
  const base = align8(8 + jsonBytes.length);
  const out = new Uint8Array(base + section);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, MAGIC, true);
  dv.setUint32(4, jsonBytes.length, true);
  out.set(jsonBytes, 8);
  let off = base;
  for (const a of arrays) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), off);
    off = align8(off + a.byteLength);
  }
  return out;
}

export function isBinaryPayload(bytes: Uint8Array): boolean {
  return bytes.byteLength >= 8 && new DataView(bytes.buffer, bytes.byteOffset, 8).getUint32(0, true) === MAGIC;
}

export function decodeBinary<T = unknown>(bytes: Uint8Array): T {
  if (!isBinaryPayload(bytes)) throw new Error('not a Kiln binary payload');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const jsonLen = dv.getUint32(4, true);
  const json = new TextDecoder().decode(bytes.subarray(8, 8 + jsonLen));
  const base = align8(8 + jsonLen);
  return JSON.parse(json, (_k, v: unknown) => {
    if (v && typeof v === 'object' && '$ta' in v) {
      const r = v as { $ta: CtorName; o: number; n: number };
      const C = ctors[r.$ta];
      if (!C) throw new Error(`unknown typed array ${String(r.$ta)}`);
      const start = base + r.o;
      // copy: the source may be unaligned for this element size
      const copy = bytes.slice(start, start + r.n * C.BYTES_PER_ELEMENT);
      return new C(copy.buffer, 0, r.n);
    }
    return v;
  }) as T;
}

function align8(n: number): number {
  return (n + 7) & ~7;
}
