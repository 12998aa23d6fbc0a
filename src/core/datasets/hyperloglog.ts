/**
 * HyperLogLog distinct-count estimate (Flajolet et al. 2007) with the small-range correction:
 * 2^14 one-byte registers per column, about 0.8% standard error. Values are hashed as strings
 * with 32-bit FNV-1a followed by murmur3's finaliser to spread the bits.
 */
const P = 14;
const M = 1 << P;
const ALPHA = 0.7213 / (1 + 1.079 / M);

export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** A number's 64 bits mixed to 32 (numbers skip the string conversion: columns are mostly numeric). */
export function hashNumber(n: number): number {
  f64[0] = n === 0 ? 0 : n; // -0 and 0 are one value
  let h = Math.imul(u32[0]! ^ 0x9e3779b9, 0x85ebca6b) ^ u32[1]!;
  h ^= h >>> 15;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 13;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 16;
  return h >>> 0;
}

export class HyperLogLog {
  private readonly reg = new Uint8Array(M);

  add(value: string): void {
    this.addHash(hash32(value));
  }

  addNumber(n: number): void {
    this.addHash(hashNumber(n));
  }

  private addHash(h: number): void {
    const idx = h >>> (32 - P);
    const rest = (h << P) >>> 0;
    // rank: position of the first 1 bit in the remaining 32-P bits (1-based)
    const rank = rest === 0 ? 32 - P + 1 : Math.clz32(rest) + 1;
    if (rank > this.reg[idx]!) this.reg[idx] = rank;
  }

  estimate(): number {
    let sum = 0;
    let zeros = 0;
    for (let i = 0; i < M; i++) {
      sum += 2 ** -this.reg[i]!;
      if (this.reg[i] === 0) zeros++;
    }
    const raw = (ALPHA * M * M) / sum;
    if (raw <= 2.5 * M && zeros > 0) return Math.round(M * Math.log(M / zeros));
    return Math.round(raw);
  }
}
