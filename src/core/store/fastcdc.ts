import { GEAR } from './gear-table.js';

/**
 * FastCDC with normalized chunking (Xia et al., 2016/2020), on a 32-bit gear hash.
 *
 * - MIN 16 KiB: no cut before it (those bytes are not even hashed: FastCDC's cut-point skipping).
 * - AVG 64 KiB: up to this point a cut needs 18 zero bits (harder), after it 14 (easier), so chunk
 *   sizes gather around the average ("normalization level 2").
 * - MAX 256 KiB: a cut is forced here.
 *
 * The gear hash shifts left once per byte, so its top bits depend on the last 32 bytes only: a cut
 * point depends on a 32-byte window, which is why an insertion moves boundaries only near it. The
 * masks therefore test the top bits.
 */
export const CHUNK_MIN = 16 * 1024;
export const CHUNK_AVG = 64 * 1024;
export const CHUNK_MAX = 256 * 1024;
export const MASK_S = 0xffffc000 | 0; // 18 top bits: before AVG
export const MASK_L = 0xfffc0000 | 0; // 14 top bits: after AVG

/**
 * The end (exclusive) of the chunk that starts at `start`. The caller passes at least CHUNK_MAX
 * bytes (`end - start`) unless the data ends at `end`; with less, the cut would depend on how the
 * data was split into reads.
 */
export function cutPoint(buf: Uint8Array, start: number, end: number): number {
  let n = end - start;
  if (n <= CHUNK_MIN) return end;
  if (n > CHUNK_MAX) n = CHUNK_MAX;
  const normal = start + (n < CHUNK_AVG ? n : CHUNK_AVG);
  const stop = start + n;
  const gear = GEAR;
  let fp = 0;
  let i = start + CHUNK_MIN;
  for (; i < normal; i++) {
    fp = ((fp << 1) + gear[buf[i]!]!) | 0;
    if ((fp & MASK_S) === 0) return i + 1;
  }
  for (; i < stop; i++) {
    fp = ((fp << 1) + gear[buf[i]!]!) | 0;
    if ((fp & MASK_L) === 0) return i + 1;
  }
  return stop;
}

/**
 * `cutPoint` with the gear scan done by `scan(i, normal, stop)` (gear-wasm.ts: the same loops in
 * WebAssembly, offsets relative to its data region): same answers, about three times the rate.
 */
export function cutPointWith(scan: (i: number, normal: number, stop: number) => number, start: number, end: number): number {
  let n = end - start;
  if (n <= CHUNK_MIN) return end;
  if (n > CHUNK_MAX) n = CHUNK_MAX;
  return scan(start + CHUNK_MIN, start + (n < CHUNK_AVG ? n : CHUNK_AVG), start + n);
}

/** All chunk lengths of a whole buffer (tests and small inputs; ingest streams instead). */
export function chunkLengths(buf: Uint8Array): number[] {
  const out: number[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const c = cutPoint(buf, pos, buf.length);
    out.push(c - pos);
    pos = c;
  }
  return out;
}
