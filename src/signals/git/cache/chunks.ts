/**
 * Growable storage for the cache's sections, kept in chunks: appending never copies what is
 * already there once a chunk is full, the room reserved beyond the data is less than one
 * chunk, and the stored bytes can be written out chunk by chunk, without first joining them
 * into one buffer. A run over 50,000 commits holds a few megabytes this way; doubling one
 * array instead would hold up to twice that, and three times while it copies.
 */

/** Elements of a full chunk of numbers (2^16: 256 KiB of 32-bit integers). */
const CHUNK_SHIFT = 16;
const CHUNK_ELEMENTS = 1 << CHUNK_SHIFT;
const CHUNK_MASK = CHUNK_ELEMENTS - 1;
/** The first chunk starts small and doubles up to a full one: a short history stays small. */
const FIRST_ELEMENTS = 1 << 10;
/** Bytes of a full chunk of text. */
const CHUNK_BYTES = 1 << 18;
const FIRST_BYTES = 1 << 12;

type NumberArray = Int32Array | Float64Array;

/** A growable array of 32-bit integers or of doubles, read by index. */
export class NumberChunks {
  private readonly chunks: NumberArray[] = [];
  private count = 0;

  constructor(private readonly make: (length: number) => NumberArray) {}

  /** How many numbers it holds. */
  get length(): number {
    return this.count;
  }

  /** Appends one number. */
  push(value: number): void {
    const at = this.count & CHUNK_MASK;
    const index = this.count >>> CHUNK_SHIFT;
    let chunk = this.chunks[index];
    if (chunk === undefined) {
      // Past the first chunk the data is large: full chunks at once.
      chunk = this.make(index === 0 ? FIRST_ELEMENTS : CHUNK_ELEMENTS);
      this.chunks.push(chunk);
    } else if (at === chunk.length) {
      const larger = this.make(Math.min(chunk.length * 2, CHUNK_ELEMENTS));
      larger.set(chunk);
      chunk = larger;
      this.chunks[index] = chunk;
    }
    chunk[at] = value;
    this.count++;
  }

  /** The number at `index` (below {@link length}). */
  at(index: number): number {
    return this.chunks[index >>> CHUNK_SHIFT]![index & CHUNK_MASK]!;
  }

  /** The first `count` numbers (all by default) as bytes, in the machine's byte order. */
  *bytes(count = this.count): Generator<Buffer> {
    for (let start = 0, i = 0; start < count; start += CHUNK_ELEMENTS, i++) {
      const chunk = this.chunks[i]!;
      const used = Math.min(count - start, CHUNK_ELEMENTS);
      yield Buffer.from(chunk.buffer, chunk.byteOffset, used * chunk.BYTES_PER_ELEMENT);
    }
  }
}

/**
 * Growable text stored as bytes, one piece after another, each piece in one chunk (so it is
 * read back with one decode). Offsets count the stored bytes only, as the file lays them
 * out, not the room left unused at the end of a chunk.
 */
export class ByteChunks {
  private readonly chunks: Buffer[] = [];
  /** Where each chunk's bytes start among the stored bytes. */
  private readonly starts: number[] = [];
  private used = 0;

  /** How many bytes it holds. */
  get byteLength(): number {
    return this.used;
  }

  /** Appends `text` encoded; returns where its bytes start. */
  append(text: string, encoding: 'utf8' | 'hex'): number {
    const size = Buffer.byteLength(text, encoding);
    const last = this.chunks.length - 1;
    let chunk = this.chunks[last];
    let fill = last === -1 ? 0 : this.used - this.starts[last]!;
    if (chunk === undefined || fill + size > chunk.length) {
      if (chunk !== undefined && chunk.length < CHUNK_BYTES && fill + size <= CHUNK_BYTES) {
        // The first chunk grows, by copying, until it is a full one.
        const larger = Buffer.allocUnsafe(
          Math.min(Math.max(chunk.length * 2, fill + size), CHUNK_BYTES),
        );
        chunk.copy(larger, 0, 0, fill);
        chunk = larger;
        this.chunks[last] = chunk;
      } else {
        chunk = Buffer.allocUnsafe(Math.max(size, chunk === undefined ? FIRST_BYTES : CHUNK_BYTES));
        this.chunks.push(chunk);
        this.starts.push(this.used);
        fill = 0;
      }
    }
    chunk.write(text, fill, size, encoding);
    const start = this.used;
    this.used += size;
    return start;
  }

  /** The text of the stored bytes from `start` to `end`, which lie in one appended piece. */
  read(start: number, end: number, encoding: 'utf8' | 'hex'): string {
    if (start === end) return '';
    // The last chunk starting at or before `start` (few chunks: a binary search is plenty).
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (this.starts[middle]! <= start) low = middle;
      else high = middle - 1;
    }
    const base = this.starts[low]!;
    return this.chunks[low]!.toString(encoding, start - base, end - base);
  }

  /** The stored bytes, chunk by chunk. */
  *bytes(): Generator<Buffer> {
    for (let i = 0; i < this.chunks.length; i++) {
      const end = i + 1 < this.starts.length ? this.starts[i + 1]! : this.used;
      yield this.chunks[i]!.subarray(0, end - this.starts[i]!);
    }
  }
}
