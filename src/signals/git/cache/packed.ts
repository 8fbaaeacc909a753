/**
 * Commits held the way the cache file holds them: hashes as bytes, one table of strings, the
 * commits as integers, the times as doubles (the layout is described in format.ts). A walk
 * adds its commits here as they come, so a run keeps a few dozen bytes a commit instead of a
 * LogCommit object each (hundreds of bytes: the object, its changes, and strings that point
 * into the chunk of git output they were cut from), and a save writes these sections as they
 * are. A commit is made into an object again only when asked for ({@link PackedCommits.commitAt}),
 * which is rare: planning looks fresh commits up before any is walked.
 *
 * Given a spill file, the sections' full chunks move there as the walk goes (chunks.ts), and
 * a long walk holds only the chunks being filled, the index of interned strings, and that.
 */
import type { FileChange, LogCommit } from '../log-stream.js';
import { ByteChunks, NumberChunks } from './chunks.js';
import type { SpillFile } from './spill.js';

/** Integers of a commit before its changes: root, email, name, subject, changes. */
export const COMMIT_INTS = 5;
/** Integers per change: path, old path (-1: none), churn (-1: not measured). */
export const CHANGE_INTS = 3;
const INT32_MAX = 2 ** 31 - 1;
const HASH = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** The bytes of a run of commits, section by section, as format.ts lays them out. */
export interface PackedSections {
  hashes: Iterable<Buffer>;
  table: Iterable<Buffer>;
  lengths: Iterable<Buffer>;
  ints: Iterable<Buffer>;
  times: Iterable<Buffer>;
}

/** Commits in the cache file's form, appended one by one and read back by position. */
export class PackedCommits {
  /** Characters per hash (40 or 64); 0 before the first commit. */
  hashLength = 0;
  /** The hashes as binary, half the bytes of their hex text: the file's text is made as written. */
  private readonly hashes: ByteChunks;
  private readonly table: ByteChunks;
  /** Each string's length in UTF-16 code units, as the file records it. */
  private readonly lengths: NumberChunks;
  /** Where each string's bytes start in the table, to read it back. */
  private readonly offsets: NumberChunks;
  private readonly ints: NumberChunks;
  /** Where each commit starts in `ints`. */
  private readonly starts: NumberChunks;
  private readonly times: NumberChunks;
  /** Emails, names and paths repeat across commits: stored once. Hashes and subjects do not. */
  private readonly interned = new Map<string, number>();
  /** Position of each hash, made on the first lookup by hash (the latest position wins). */
  private positions: Map<string, number> | undefined;

  /** @param spill where full chunks go (none: all stay in memory) */
  constructor(spill?: SpillFile) {
    const ints = (n: number) => new Int32Array(n);
    this.hashes = new ByteChunks(spill);
    this.table = new ByteChunks(spill);
    this.lengths = new NumberChunks(ints, spill);
    this.offsets = new NumberChunks(ints, spill);
    this.ints = new NumberChunks(ints, spill);
    this.starts = new NumberChunks(ints, spill);
    this.times = new NumberChunks((n) => new Float64Array(n), spill);
  }

  /** Packs `commits` in order. */
  static of(commits: Iterable<LogCommit>): PackedCommits {
    const packed = new PackedCommits();
    for (const commit of commits) packed.add(commit);
    return packed;
  }

  /** How many commits it holds (a commit added twice counts twice). */
  get size(): number {
    return this.times.length;
  }

  /** How many strings its table holds. */
  get stringCount(): number {
    return this.lengths.length;
  }

  /**
   * Appends a commit. Throws a RangeError, and keeps nothing of it, for a fact the format
   * cannot hold (a churn beyond 2^31, a hash of another length than the others): git's
   * output never has them.
   */
  add(commit: LogCommit): void {
    const hashLength = this.hashLength || commit.hash.length;
    if (commit.hash.length !== hashLength) throw new RangeError('cached hashes differ in length');
    // Stored as binary: only lower-case hex (as git prints) comes back as it went in.
    if (!HASH.test(commit.hash)) throw new RangeError('a cached hash is not a full commit hash');
    // Lengths and offsets are 32-bit integers.
    if (this.table.byteLength > INT32_MAX / 2 || this.ints.length > INT32_MAX / 2)
      throw new RangeError('the history does not fit the cache format');
    for (const change of commit.changes) {
      const churn = change.churn ?? -1;
      if (!Number.isInteger(churn) || churn < -1 || churn > INT32_MAX)
        throw new RangeError('a churn does not fit the cache format');
    }
    this.hashLength = hashLength;
    const position = this.size;
    this.hashes.append(commit.hash, 'hex');
    this.starts.push(this.ints.length);
    const ints = this.ints;
    ints.push(commit.root ? 1 : 0);
    ints.push(this.intern(commit.email));
    ints.push(this.intern(commit.name));
    ints.push(this.append(commit.subject));
    ints.push(commit.changes.length);
    for (const change of commit.changes) {
      ints.push(this.intern(change.path));
      ints.push(change.oldPath === undefined ? -1 : this.intern(change.oldPath));
      ints.push(change.churn ?? -1);
    }
    this.times.push(commit.time);
    this.positions?.set(this.hashAt(position), position);
  }

  /** The full hash of the commit at `position`. */
  hashAt(position: number): string {
    const from = (position * this.hashLength) / 2;
    return this.hashes.read(from, from + this.hashLength / 2, 'hex');
  }

  /** The position of the latest commit added with this hash, or -1. */
  positionOf(hash: string): number {
    if (this.positions === undefined) {
      this.positions = new Map();
      for (let i = 0; i < this.size; i++) this.positions.set(this.hashAt(i), i);
    }
    return this.positions.get(hash) ?? -1;
  }

  /** Whether it holds exactly `hashes`, in that order. */
  holdsExactly(hashes: readonly string[]): boolean {
    if (hashes.length !== this.size) return false;
    const bytes = this.hashLength / 2;
    for (let i = 0; i < hashes.length; i++) {
      const hash = hashes[i]!;
      if (hash.length !== this.hashLength || !this.hashes.equalsHex(i * bytes, hash)) return false;
    }
    return true;
  }

  /**
   * The commit at `position`, a new object each call, equal to the one added (the same keys
   * in the same order as the history stream's).
   */
  commitAt(position: number): LogCommit {
    const ints = this.ints;
    let at = this.starts.at(position);
    const root = ints.at(at) === 1;
    const email = this.stringAt(ints.at(at + 1));
    const name = this.stringAt(ints.at(at + 2));
    const subject = this.stringAt(ints.at(at + 3));
    const count = ints.at(at + 4);
    at += COMMIT_INTS;
    const changes: FileChange[] = new Array(count);
    for (let i = 0; i < count; i++, at += CHANGE_INTS) {
      const path = this.stringAt(ints.at(at));
      const old = ints.at(at + 1);
      const churn = ints.at(at + 2);
      const lines = churn === -1 ? null : churn;
      changes[i] =
        old === -1 ? { path, churn: lines } : { path, oldPath: this.stringAt(old), churn: lines };
    }
    return {
      hash: this.hashAt(position),
      root,
      email,
      name,
      time: this.times.at(position),
      subject,
      changes,
    };
  }

  /**
   * The sections' bytes, in the file's layout. `stringBase` is the number of strings that
   * will precede this table in the file (a copied older table): every string index of the
   * commits is moved up by it, chunk by chunk as they are written.
   */
  sections(stringBase = 0): PackedSections {
    return {
      hashes: hexText(this.hashes.bytes()),
      table: this.table.bytes(),
      lengths: this.lengths.bytes(),
      ints: stringBase === 0 ? this.ints.bytes() : this.shiftedInts(stringBase),
      times: this.times.bytes(),
    };
  }

  /** The byte length of the string table. */
  get tableBytes(): number {
    return this.table.byteLength;
  }

  /** The number of integers of the commit section. */
  get intCount(): number {
    return this.ints.length;
  }

  private stringAt(index: number): string {
    const end = index + 1 < this.stringCount ? this.offsets.at(index + 1) : this.table.byteLength;
    return this.table.read(this.offsets.at(index), end, 'utf8');
  }

  private append(text: string): number {
    this.offsets.push(this.table.append(text, 'utf8'));
    this.lengths.push(text.length);
    return this.lengths.length - 1;
  }

  private intern(text: string): number {
    let index = this.interned.get(text);
    if (index === undefined) {
      index = this.append(text);
      // Kept as given: the git parser hands on copies of its own (a substring of its output
      // would keep a whole chunk of it alive), and the cache file's strings are decoded anew.
      this.interned.set(text, index);
    }
    return index;
  }

  /** The commit integers with every string index moved up by `base`, in pieces. */
  private *shiftedInts(base: number): Generator<Buffer> {
    const ints = this.ints;
    const pieceLength = 1 << 16;
    let piece = new Int32Array(Math.min(ints.length, pieceLength));
    let filled = 0;
    let start = 0;
    let end = 0;
    for (let i = 0; i < ints.length; i++) {
      if (i === end) {
        start = i;
        end = i + COMMIT_INTS + ints.at(i + 4) * CHANGE_INTS;
      }
      // String indices: a commit's email, name and subject; a change's path and old path.
      const offset = i - start;
      let value = ints.at(i);
      const isString =
        offset < COMMIT_INTS
          ? offset >= 1 && offset <= 3
          : (offset - COMMIT_INTS) % CHANGE_INTS !== 2 && value !== -1;
      if (isString) value += base;
      piece[filled++] = value;
      if (filled === piece.length) {
        yield Buffer.from(piece.buffer, 0, filled * 4);
        piece = new Int32Array(Math.min(ints.length - i - 1, pieceLength));
        filled = 0;
      }
    }
  }
}

/**
 * The hashes' text, ASCII hex as the file holds it, made one piece at a time into one buffer
 * (a piece is good until the next is asked for), without a string in between.
 */
function* hexText(pieces: Iterable<Buffer>): Generator<Buffer> {
  let text: Buffer | undefined;
  for (const piece of pieces) {
    if (text === undefined || text.length < piece.length * 2)
      text = Buffer.allocUnsafe(piece.length * 2);
    for (let i = 0; i < piece.length; i++) {
      text[2 * i] = HEX_DIGITS[piece[i]! >>> 4]!;
      text[2 * i + 1] = HEX_DIGITS[piece[i]! & 15]!;
    }
    yield text.subarray(0, piece.length * 2);
  }
}
const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');
