import * as zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { KilnError } from '../../shared/contract/index.js';

type Decompress = (input: Uint8Array, outputLength: number) => Uint8Array;

/**
 * Codecs hyparquet lacks (it does snappy itself). ZSTD, common in the wild (vega-datasets'
 * flights-3m.parquet), comes from node:zlib where Node has it (22.15+, Electron), else from the
 * `zstd` program; GZIP and BROTLI from node:zlib.
 */
const zlibZstd = (zlib as unknown as { zstdDecompressSync?: (b: Uint8Array) => Buffer }).zstdDecompressSync;

const zstd: Decompress = (input, outputLength) => {
  if (zlibZstd) return zlibZstd(input);
  try {
    return execFileSync('zstd', ['-d', '-c', '-q'], { input, maxBuffer: outputLength + 1024 * 1024 });
  } catch (e) {
    throw new KilnError(
      'INVALID_INPUT',
      `this Parquet file is ZSTD-compressed and neither Node's zlib nor the zstd program can decode it here (${(e as Error).message}); install zstd or use Node 22.15+`,
    );
  }
};

export const parquetCompressors: Record<string, Decompress> = {
  ZSTD: zstd,
  GZIP: (input) => zlib.gunzipSync(input),
  BROTLI: (input) => zlib.brotliDecompressSync(input),
};
