import { GEAR } from './gear-table.js';

/**
 * FastCDC's gear-hash scan as a hand-assembled WebAssembly function: V8 runs the TypeScript loop
 * with a bounds check on both array reads per byte, WebAssembly without any (guard pages), which
 * about doubles the scan rate. The module is a few dozen bytes built here, so there is no binary
 * file to ship or trust. Memory layout: the 256 gear words at 0, the data from DATA_OFFSET.
 *
 *   scan(i, normal, stop) -> end
 *     fp = 0
 *     while i < normal: fp = (fp << 1) + GEAR[mem[i]]; i++; if (fp & MASK_S) == 0 return i
 *     while i < stop:   fp = (fp << 1) + GEAR[mem[i]]; i++; if (fp & MASK_L) == 0 return i
 *     return stop
 *
 * Its answers equal fastcdc.ts's `cutPoint` (the unit test compares them on random data).
 */
export const DATA_OFFSET = 1024;

/** signed LEB128, as WebAssembly encodes i32 constants */
function sleb(v: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}
function uleb(v: number): number[] {
  const out: number[] = [];
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v) b |= 0x80;
    out.push(b);
  } while (v);
  return out;
}

// opcodes used
const BLOCK = 0x02,
  LOOP = 0x03,
  IF = 0x04,
  VOID = 0x40,
  END = 0x0b,
  BR = 0x0c,
  BR_IF = 0x0d,
  RETURN = 0x0f;
const GET = 0x20,
  SET = 0x21,
  CONST = 0x41,
  LOAD = 0x28,
  LOAD8U = 0x2d;
const GE_U = 0x4f,
  EQZ = 0x45,
  ADD = 0x6a,
  AND = 0x71,
  SHL = 0x74;
// locals: 0 i, 1 normal, 2 stop, 3 fp
const I = 0,
  NORMAL = 1,
  STOP = 2,
  FP = 3;

/** one `while i < limit` loop that returns i once (fp & mask) == 0 */
function scanLoop(limit: number, mask: number): number[] {
  return [
    BLOCK,
    VOID,
    LOOP,
    VOID,
    GET,
    I,
    GET,
    limit,
    GE_U,
    BR_IF,
    1,
    // fp = (fp << 1) + GEAR[mem[i]]  (the table is at address 0: GEAR[b] is at b * 4)
    GET,
    FP,
    CONST,
    1,
    SHL,
    GET,
    I,
    LOAD8U,
    0,
    ...uleb(DATA_OFFSET),
    CONST,
    2,
    SHL,
    LOAD,
    2,
    0,
    ADD,
    SET,
    FP,
    GET,
    I,
    CONST,
    1,
    ADD,
    SET,
    I,
    GET,
    FP,
    CONST,
    ...sleb(mask),
    AND,
    EQZ,
    IF,
    VOID,
    GET,
    I,
    RETURN,
    END,
    BR,
    0,
    END,
    END,
  ];
}

function moduleBytes(maskS: number, maskL: number): Uint8Array {
  const body = [1, 1, 0x7f /* one i32 local: fp */, ...scanLoop(NORMAL, maskS), ...scanLoop(STOP, maskL), GET, STOP, END];
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, [1, 0x60, 3, 0x7f, 0x7f, 0x7f, 1, 0x7f]),
    ...section(3, [1, 0]),
    ...section(5, [1, 0, 1]),
    ...section(7, [2, 3, ...Buffer.from('mem'), 2, 0, 4, ...Buffer.from('scan'), 0, 0]),
    ...section(10, [1, ...uleb(body.length), ...body]),
  ]);
}

export interface GearScanner {
  /** the data region: write a block here (offsets passed to scan are relative to it) */
  data(): Uint8Array;
  /** grows the data region to at least `bytes` */
  reserve(bytes: number): void;
  scan(i: number, normal: number, stop: number): number;
}

/** the part of the WebAssembly API used here (Node's own types declare it only with the DOM lib) */
interface Wasm {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}

export function createGearScanner(maskS: number, maskL: number): GearScanner {
  const wasm = (globalThis as unknown as { WebAssembly: Wasm }).WebAssembly;
  const inst = new wasm.Instance(new wasm.Module(moduleBytes(maskS, maskL)));
  const mem = inst.exports.mem as { buffer: ArrayBuffer; grow(pages: number): number };
  const fn = inst.exports.scan as (i: number, normal: number, stop: number) => number;
  let view = new Uint8Array(mem.buffer, DATA_OFFSET);
  new Int32Array(mem.buffer, 0, 256).set(GEAR);
  return {
    data: () => view,
    reserve(bytes) {
      const need = DATA_OFFSET + bytes;
      if (mem.buffer.byteLength < need) {
        mem.grow(Math.ceil((need - mem.buffer.byteLength) / 65536));
        view = new Uint8Array(mem.buffer, DATA_OFFSET);
      }
    },
    // offsets are relative to the data region; the module's loads add DATA_OFFSET themselves
    scan: (i, normal, stop) => fn(i, normal, stop),
  };
}
