import { KilnError } from '../../shared/contract/index.js';

/**
 * Where each chunk of a dataset version lives on the registry: `packs` are blob digests, each chunk row
 * is [chunk hex, pack number, offset in the pack, length, id algorithm (0 SHA-256, 1 BLAKE3: the
 * store's chunk-hash.ts; absent means SHA-256)]. Rows are sorted by chunk so the same
 * content always serialises to the same blob (a re-push uploads nothing).
 */
export interface ChunkIndex {
  kiln: 'dataset-index/1';
  packs: { digest: string; size: number }[];
  chunks: [string, number, number, number, number?][];
}

export interface ChunkLocation {
  pack: string;
  packSize: number;
  offset: number;
  length: number;
  /** how the chunk id was computed: 0 SHA-256, 1 BLAKE3 */
  algo: number;
}

export function buildIndex(locs: Map<string, ChunkLocation>): ChunkIndex {
  const packs = [...new Map([...locs.values()].map((l) => [l.pack, l.packSize])).entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const packNo = new Map(packs.map(([d], i) => [d, i]));
  const chunks = [...locs.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(
      ([hex, l]) =>
        (l.algo ? [hex, packNo.get(l.pack)!, l.offset, l.length, l.algo] : [hex, packNo.get(l.pack)!, l.offset, l.length]) as [
          string,
          number,
          number,
          number,
          number?,
        ],
    );
  return { kiln: 'dataset-index/1', packs: packs.map(([digest, size]) => ({ digest, size })), chunks };
}

/** Parses an index blob (already digest-checked), refusing rows that point outside their pack. */
export function parseIndex(body: Buffer, where: string): Map<string, ChunkLocation> {
  let j: ChunkIndex;
  try {
    j = JSON.parse(body.toString('utf8')) as ChunkIndex;
  } catch {
    throw new KilnError('ARTIFACT_INVALID', `the chunk index of ${where} is not JSON`);
  }
  if (j.kiln !== 'dataset-index/1' || !Array.isArray(j.packs) || !Array.isArray(j.chunks))
    throw new KilnError('ARTIFACT_INVALID', `the chunk index of ${where} has an unknown format`);
  const out = new Map<string, ChunkLocation>();
  for (const row of j.chunks) {
    const [hex, p, offset, length, algo = 0] = row;
    const pack = j.packs[p];
    if (
      !/^[0-9a-f]{64}$/.test(hex) ||
      !pack ||
      !/^sha256:[0-9a-f]{64}$/.test(pack.digest) ||
      offset < 0 ||
      length < 0 ||
      offset + length > pack.size ||
      (algo !== 0 && algo !== 1)
    ) {
      throw new KilnError('ARTIFACT_INVALID', `the chunk index of ${where} has a bad row for chunk ${String(hex).slice(0, 12)}`);
    }
    out.set(hex, { pack: pack.digest, packSize: pack.size, offset, length, algo });
  }
  return out;
}
