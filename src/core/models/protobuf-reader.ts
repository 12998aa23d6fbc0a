// A minimal protocol-buffers wire reader: enough to walk ONNX and SavedModel files for their
// signatures without a protobuf dependency or a schema. Fields are read where they lie in the file,
// so a large message (an ONNX initializer, a SavedModel's graph) is skipped without being read.

/** Random access to the bytes of one file: `read` returns [start, end), clamped to the file. */
export interface ProtoSource {
  size: number;
  read(start: number, end: number): Buffer;
}

/** A malformed or cut-short message, with the byte offset it was found at. */
export class ProtoError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at byte ${offset}`);
  }
}

/** One field: varints carry `value`; length-delimited fields the [start, end) of their bytes. */
export interface ProtoField {
  field: number;
  wire: 0 | 1 | 2 | 5;
  /** varint (wire 0) as an unsigned 64-bit value */
  value: bigint;
  start: number;
  end: number;
}

// big enough for a message header run, small enough that jumping over a skipped field reads little
const WINDOW = 16 * 1024;

export class ProtoReader {
  private winStart = 0;
  private win: Buffer = Buffer.alloc(0);

  constructor(private readonly src: ProtoSource) {}

  get size(): number {
    return this.src.size;
  }

  /** The bytes [start, end): a length-delimited field's payload. */
  bytes(start: number, end: number): Buffer {
    if (end > this.src.size) throw new ProtoError(`a field needs ${end - start} bytes but the file ends first (cut short?)`, start);
    if (start >= this.winStart && end <= this.winStart + this.win.length) return this.win.subarray(start - this.winStart, end - this.winStart);
    const b = this.src.read(start, end);
    if (b.length < end - start) throw new ProtoError(`a field needs ${end - start} bytes but only ${b.length} could be read (cut short?)`, start);
    return b;
  }

  string(f: ProtoField): string {
    return this.bytes(f.start, f.end).toString('utf8');
  }

  /** A byte for header parsing, through a window so small reads do not each go to the store. */
  private byte(at: number, limit: number): number {
    if (at >= limit)
      throw new ProtoError(limit >= this.src.size ? 'the file ends inside a field (cut short?)' : 'a field runs past the end of its message', at);
    if (at < this.winStart || at >= this.winStart + this.win.length) {
      this.winStart = at;
      this.win = this.src.read(at, Math.min(this.src.size, at + WINDOW));
      if (!this.win.length) throw new ProtoError('the file ends inside a field (cut short?)', at);
    }
    return this.win[at - this.winStart]!;
  }

  private varint(at: number, limit: number): { value: bigint; next: number } {
    let value = 0n;
    for (let i = 0; i < 10; i++) {
      const b = this.byte(at + i, limit);
      value |= BigInt(b & 0x7f) << BigInt(7 * i);
      if (!(b & 0x80)) return { value: BigInt.asUintN(64, value), next: at + i + 1 };
    }
    throw new ProtoError('a varint longer than 10 bytes (not a protocol buffer?)', at);
  }

  /** The fields of the message in [start, end), in file order; unknown and fixed-width fields are reported too. */
  *fields(start = 0, end = this.src.size): Generator<ProtoField> {
    let at = start;
    while (at < end) {
      const tagAt = at;
      const tag = this.varint(at, end);
      at = tag.next;
      const field = Number(tag.value >> 3n);
      const wire = Number(tag.value & 7n);
      if (field === 0) throw new ProtoError('a field numbered 0 (not a protocol buffer, or damaged)', tagAt);
      if (wire === 0) {
        const v = this.varint(at, end);
        yield { field, wire, value: v.value, start: at, end: v.next };
        at = v.next;
      } else if (wire === 2) {
        const len = this.varint(at, end);
        const s = len.next;
        const e = s + Number(len.value);
        if (len.value > BigInt(end - s)) {
          throw new ProtoError(
            end >= this.src.size
              ? `field ${field} declares ${len.value} bytes but the file ends after ${this.src.size - s} (cut short?)`
              : `field ${field} declares ${len.value} bytes, more than its enclosing message holds`,
            tagAt,
          );
        }
        yield { field, wire, value: 0n, start: s, end: e };
        at = e;
      } else if (wire === 1 || wire === 5) {
        const n = wire === 1 ? 8 : 4;
        if (at + n > end) throw new ProtoError(`field ${field} needs ${n} bytes past the end of its message (cut short?)`, tagAt);
        yield { field, wire, value: 0n, start: at, end: at + n };
        at += n;
      } else throw new ProtoError(`field ${field} has wire type ${wire}, which no current protocol buffer uses (damaged?)`, tagAt);
    }
  }
}

/** A varint field read as a signed 64-bit integer (int64 / int32 fields with negative values). */
export const int64 = (f: ProtoField): number => Number(BigInt.asIntN(64, f.value));
