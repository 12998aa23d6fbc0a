import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';

/**
 * How a chunk's id was computed; stored per chunk in `store_chunks.algo` (migration 010), so a
 * store holds both and every read verifies a chunk with its own hash.
 *
 * - SHA256 (0): every chunk of stores made before 010, and, since, the chunk of a file that is a
 *   single chunk: its id is then the whole-file SHA-256 that is computed anyway (one pass, and the
 *   manifest needs no chunk list for it).
 * - BLAKE3 (1): the chunks of files cut into several. The whole-file SHA-256 is still computed (OCI
 *   digests and manifests use it); a second SHA-256 pass per chunk cost as much again, BLAKE3 (native,
 *   SIMD) costs about a third of it.
 */
export const ALGO_SHA256 = 0;
export const ALGO_BLAKE3 = 1;
export type ChunkAlgo = typeof ALGO_SHA256 | typeof ALGO_BLAKE3;

export const ALGO_NAMES: Record<ChunkAlgo, string> = { [ALGO_SHA256]: 'sha256', [ALGO_BLAKE3]: 'blake3' };

type Blake3 = (input: Uint8Array) => Buffer;
let blake3Fn: Blake3 | null = null;

/**
 * The native binding, loaded on first use (a cached command never pays for it). On Linux the glibc
 * build is tried first: the package's own loader tells glibc from musl with process.report.getReport(),
 * ~30 ms of every command that reads a chunk. Where that build does not load (musl), the loader decides.
 */
function blake3(): Blake3 {
  if (!blake3Fn) {
    const load = createRequire(import.meta.url);
    let mod: { blake3: Blake3 } | null = null;
    if (process.platform === 'linux' && (process.arch === 'x64' || process.arch === 'arm64')) {
      try {
        mod = load(`@napi-rs/blake-hash-linux-${process.arch}-gnu`) as { blake3: Blake3 };
      } catch {
        // not installed, or not loadable here (musl)
      }
    }
    mod ??= load('@napi-rs/blake-hash') as { blake3: Blake3 };
    blake3Fn = mod.blake3;
  }
  return blake3Fn;
}

export function chunkHex(algo: ChunkAlgo, data: Uint8Array): string {
  if (algo === ALGO_BLAKE3) return blake3()(data).toString('hex');
  return createHash('sha256').update(data).digest('hex');
}

/** A chunk as messages show it: "blake3:<hex>" or "sha256:<hex>". */
export function chunkLabel(hex: string, algo: number): string {
  return `${ALGO_NAMES[algo as ChunkAlgo] ?? `algo${algo}`}:${hex}`;
}
