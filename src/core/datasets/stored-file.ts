import { KilnError } from '../../shared/contract/index.js';
import type { ContentStore } from '../store/content-store.js';
import { chunksOf, type ManifestEntry } from './manifest.js';

/** Random access to a stored file's bytes (previews, stats, diffs), chunk by verified chunk. */
export class StoredFile {
  readonly size: number;
  private readonly starts: number[] = [];
  private readonly chunks: [string, number][];

  constructor(
    private readonly store: ContentStore,
    entry: ManifestEntry,
    private readonly label: string,
  ) {
    if (entry.type !== 'file') throw new KilnError('INVALID_INPUT', `${entry.path} in ${label} is a ${entry.type}, not a file`);
    this.chunks = chunksOf(entry);
    let at = 0;
    for (const [, len] of this.chunks) {
      this.starts.push(at);
      at += len;
    }
    this.size = at;
  }

  /** bytes [start, end) */
  read(start: number, end: number): Buffer {
    const s = Math.max(0, start);
    const e = Math.min(this.size, end);
    if (e <= s) return Buffer.alloc(0);
    const parts: Buffer[] = [];
    let i = this.findChunk(s);
    for (; i < this.chunks.length && this.starts[i]! < e; i++) {
      const [hex] = this.chunks[i]!;
      const data = this.store.readChunk(hex, this.label);
      const cs = this.starts[i]!;
      parts.push(data.subarray(Math.max(0, s - cs), Math.min(data.length, e - cs)));
    }
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  }

  /** Walks the whole file a chunk at a time. */
  *blocks(): Generator<Buffer> {
    for (const [hex] of this.chunks) yield this.store.readChunk(hex, this.label);
  }

  private findChunk(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
