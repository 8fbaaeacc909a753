/**
 * Growable storage for the cache's sections, kept in chunks: appending never copies what is
 * already there once a chunk is full, the room reserved beyond the data is less than one
 * chunk, and the stored bytes can be written out chunk by chunk, without first joining them
 * into one buffer. A run over 50,000 commits holds a few megabytes this way; doubling one
 * array instead would hold up to twice that, and three times while it copies.
 *
 * Given a {@link SpillFile}, each chunk that fills up moves there, and only the chunk being
 * filled stays in memory: a read of a moved one loads it back (the last one loaded is kept,
 * as reads mostly go in order), and writing out reads each back in turn.
 */
import type { SpillFile } from './spill.js';

/** Elements of a full chunk of numbers (2^16: 256 KiB of 32-bit integers). */
const CHUNK_SHIFT = 16;
const CHUNK_ELEMENTS = 1 << CHUNK_SHIFT;
const CHUNK_MASK = CHUNK_ELEMENTS - 1;
/** The first chunk starts small and doubles up to a full one: a short history stays small. */
const FIRST_ELEMENTS = 1 << 10;
/** Bytes of a full chunk of text. */
const CHUNK_BYTES = 1 << 18;
const FIRST_BYTES = 1 << 12;
/** Character codes of the lower-case hex digits, by value. */
const HEX_CODES = Array.from('0123456789abcdef', (digit) => digit.charCodeAt(0));

type NumberArray = Int32Array | Float64Array;

/** A growable array of 32-bit integers or of doubles, read by index. */
export class NumberChunks {
  /** Undefined where the chunk moved to the spill file. */
  private readonly chunks: (NumberArray | undefined)[] = [];
  /** Where each moved chunk is in the spill file. */
  private readonly spilled: number[] = [];
  /** The moved chunk read back last. */
  private loaded: { index: number; chunk: NumberArray } | null = null;
  private count = 0;

  constructor(
    private readonly make: (length: number) => NumberArray,
    private readonly spill?: SpillFile,
  ) {}

  /** How many numbers it holds. */
  get length(): number {
    return this.count;
  }

  /** Appends one number. */
  push(value: number): void {
    const at = this.count & CHUNK_MASK;
    const index = this.count >>> CHUNK_SHIFT;
    let chunk = this.chunks[index];
    if (index === this.chunks.length) {
      // Past the first chunk the data is large: full chunks at once.
      if (index > 0) this.moveOut(index - 1);
      chunk = this.make(index === 0 ? FIRST_ELEMENTS : CHUNK_ELEMENTS);
      this.chunks.push(chunk);
    } else if (at === chunk!.length) {
      const larger = this.make(Math.min(chunk!.length * 2, CHUNK_ELEMENTS));
      larger.set(chunk!);
      chunk = larger;
      this.chunks[index] = chunk;
    }
    chunk![at] = value;
    this.count++;
  }

  /** The number at `index` (below {@link length}). */
  at(index: number): number {
    const i = index >>> CHUNK_SHIFT;
    const chunk = this.chunks[i] ?? this.load(i);
    return chunk[index & CHUNK_MASK]!;
  }

  /**
   * The first `count` numbers (all by default) as bytes, in the machine's byte order. A piece
   * is good until the next is asked for: moved chunks are read back into one array in turn
   * (fresh arrays would leave the whole section in garbage memory by the end of a save).
   */
  *bytes(count = this.count): Generator<Buffer> {
    let into: NumberArray | undefined;
    for (let start = 0, i = 0; start < count; start += CHUNK_ELEMENTS, i++) {
      const chunk = this.chunks[i] ?? this.readBack(i, (into ??= this.make(CHUNK_ELEMENTS)));
      const used = Math.min(count - start, CHUNK_ELEMENTS);
      yield Buffer.from(chunk.buffer, chunk.byteOffset, used * chunk.BYTES_PER_ELEMENT);
    }
  }

  /** Moves the full chunk `i` to the spill file, if there is one and it takes it. */
  private moveOut(i: number): void {
    const chunk = this.chunks[i];
    if (this.spill === undefined || chunk === undefined) return;
    const at = this.spill.write(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if (at === -1) return;
    this.spilled[i] = at;
    this.chunks[i] = undefined;
  }

  private load(i: number): NumberArray {
    if (this.loaded?.index !== i) {
      const into = this.loaded?.chunk ?? this.make(CHUNK_ELEMENTS);
      this.loaded = { index: i, chunk: this.readBack(i, into) };
    }
    return this.loaded.chunk;
  }

  private readBack(i: number, into: NumberArray): NumberArray {
    this.spill!.read(
      this.spilled[i]!,
      new Uint8Array(into.buffer, into.byteOffset, into.byteLength),
    );
    return into;
  }
}

/**
 * Growable text stored as bytes, one piece after another, each piece in one chunk (so it is
 * read back with one decode). Offsets count the stored bytes only, as the file lays them
 * out, not the room left unused at the end of a chunk.
 */
export class ByteChunks {
  /** Undefined where the chunk moved to the spill file. */
  private readonly chunks: (Buffer | undefined)[] = [];
  /** Where each chunk's bytes start among the stored bytes. */
  private readonly starts: number[] = [];
  /** Where each moved chunk is in the spill file. */
  private readonly spilled: number[] = [];
  /** The moved chunk read back last. */
  private loaded: { index: number; chunk: Buffer } | null = null;
  private used = 0;

  constructor(private readonly spill?: SpillFile) {}

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
        if (last !== -1) this.moveOut(last);
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
    const { chunk, at } = this.locate(start);
    return chunk.toString(encoding, at, at + end - start);
  }

  /**
   * Whether the bytes from `start` are those of `hex` (lower-case hex text), compared
   * without making a string: a save checks every hash of a long walk this way.
   */
  equalsHex(start: number, hex: string): boolean {
    if (hex.length === 0) return true;
    const { chunk, at } = this.locate(start);
    for (let i = 0; i < hex.length; i += 2) {
      const byte = chunk[at + i / 2]!;
      if (
        hex.charCodeAt(i) !== HEX_CODES[byte >>> 4] ||
        hex.charCodeAt(i + 1) !== HEX_CODES[byte & 15]
      )
        return false;
    }
    return true;
  }

  /** The chunk holding stored byte `start` (loaded back if moved), and where in it it is. */
  private locate(start: number): { chunk: Buffer; at: number } {
    // The last chunk starting at or before `start` (few chunks: a binary search is plenty).
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (this.starts[middle]! <= start) low = middle;
      else high = middle - 1;
    }
    return { chunk: this.chunks[low] ?? this.load(low), at: start - this.starts[low]! };
  }

  /**
   * The stored bytes, chunk by chunk. A piece is good until the next is asked for: moved
   * chunks are read back into one buffer in turn.
   */
  *bytes(): Generator<Buffer> {
    let into: Buffer | undefined;
    for (let i = 0; i < this.chunks.length; i++) {
      const used = this.usedOf(i);
      const chunk = this.chunks[i];
      if (chunk !== undefined) {
        yield chunk.subarray(0, used);
        continue;
      }
      if (into === undefined || into.length < used) into = Buffer.allocUnsafe(used);
      yield this.readBack(i, into.subarray(0, used));
    }
  }

  /** The bytes stored in chunk `i`. */
  private usedOf(i: number): number {
    const end = i + 1 < this.starts.length ? this.starts[i + 1]! : this.used;
    return end - this.starts[i]!;
  }

  /** Moves chunk `i`'s bytes to the spill file, if there is one and it takes them. */
  private moveOut(i: number): void {
    const chunk = this.chunks[i];
    if (this.spill === undefined || chunk === undefined) return;
    const at = this.spill.write(chunk.subarray(0, this.usedOf(i)));
    if (at === -1) return;
    this.spilled[i] = at;
    this.chunks[i] = undefined;
  }

  private load(i: number): Buffer {
    if (this.loaded?.index !== i) {
      const size = this.usedOf(i);
      const reuse = this.loaded !== null && this.loaded.chunk.length >= size;
      const into = reuse ? this.loaded!.chunk.subarray(0, size) : Buffer.allocUnsafe(size);
      this.loaded = { index: i, chunk: this.readBack(i, into) };
    }
    return this.loaded.chunk;
  }

  private readBack(i: number, into: Buffer): Buffer {
    this.spill!.read(this.spilled[i]!, into);
    return into;
  }
}
