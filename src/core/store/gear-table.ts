/**
 * The 256 random 32-bit words FastCDC's gear hash adds per input byte. They come from a fixed
 * seed through mulberry32, so the table is the same in every build and worker. Changing the seed
 * or the generator moves every chunk boundary and ends deduplication against existing stores:
 * never change them.
 */
export const GEAR_SEED = 0x4b494c4e; // "KILN"

function mulberry32(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return (t ^ (t >>> 14)) | 0;
  };
}

export const GEAR: Int32Array = (() => {
  const next = mulberry32(GEAR_SEED);
  const table = new Int32Array(256);
  for (let i = 0; i < 256; i++) table[i] = next();
  return table;
})();
