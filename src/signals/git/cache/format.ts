/**
 * The history cache's file format: what one file holds and how it is checked before a single
 * fact of it is trusted.
 *
 * A file is three parts:
 *   1. a magic line, so a file of another tool (or of nothing) is told apart at once;
 *   2. a header line (JSON): format version, the cache key it was written for, the byte
 *      order, the number of commits, the section sizes, the body's CRC-32, and the listing
 *      the commits are (the head it was walked from and the committer-time reach), or null;
 *   3. the body, five sections:
 *      - the commits' hashes, one after the other, ASCII hex, all of one length;
 *      - a table of strings (emails, names, subjects, paths), UTF-8, one after the other;
 *      - each string's length in UTF-16 code units (32-bit integers);
 *      - each commit as integers: root flag, email, name, subject (indices into the table),
 *        number of changes, then per change path, old path or -1, churn or -1;
 *      - the committer times as 64-bit floats (a date after 2038 does not fit 32 bits, and
 *        repositories do hold commits dated 2100).
 *
 * Why this shape: reading 50,000 commits must cost a small fraction of one `git log` pass,
 * and so must writing them back after a run that walked one more. Two decodes of text (one
 * for the hashes, one for the table) and a substring per entry are several times faster
 * than splitting a string or JSON.parse; a commit is only made into an object when the pass
 * hands it on ({@link StoredHistory.commitAt}), so objects die young. Commits are stored in
 * the listing's order, newest first, and a string index counts from the table's start: a
 * run on a commit on top of the cached one writes its new commits in front of each section
 * and its new strings after the table, and copies every old section byte for byte, without
 * decoding or re-encoding the cached history ({@link layOutCacheFile} with `after`). A path
 * is stored once per write however many commits of that write change it.
 *
 * A run holds the commits it walks in this same form as they come (packed.ts), and a save
 * writes those sections to the file piece by piece: neither the walked commits as objects
 * nor the file as one buffer are ever in memory.
 *
 * The CRC catches a flipped byte and the section sizes a truncated file; after both, every
 * index is bounds-checked, every hash shape-checked and a hash twice refused anyway, once,
 * when the file is read. No compression: gzip would shrink a file about 4x but cost more
 * time to read than the decoding itself.
 *
 * What is stored is exactly a LogCommit: hash, root flag, mailmapped author email and name,
 * committer time, subject, and per change the path, the old path of a rename and the churn.
 * A LogCommit holds no file contents and no configuration value, so neither can reach a cache
 * file; keep it that way.
 */
import { endianness } from 'node:os';
import { crc32 } from 'node:zlib';
import type { FileChange, LogCommit } from '../log-stream.js';
import { CACHE_FORMAT_VERSION } from './format-version.js';
import { CHANGE_INTS, COMMIT_INTS, PackedCommits } from './packed.js';

export { CACHE_FORMAT_VERSION };

const MAGIC = 'mldebt-history-cache\n';
const MAGIC_BYTES = Buffer.from(MAGIC, 'utf8');
/** A header line is a few hundred bytes; more than this is not ours. */
const MAX_HEADER_BYTES = 4096;
const HASH = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/**
 * The listing a file's commits are: every commit `git rev-list --no-merges` shows from `head`
 * with a committer time at or after `reach`, in its order. The commits of another run's
 * listing are this one filtered by committer time when that run reaches no further back.
 */
export interface StoredListing {
  /** The commit walked from, a full hash. */
  head: string;
  /** Committer-time reach, epoch seconds; null: the whole history. */
  reach: number | null;
}

/** Why a cache file was not used: said in a note, never with the file's content. */
export class CacheFileError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'CacheFileError';
  }
}

interface Header {
  format: number;
  key: string;
  /** `LE` or `BE`: the integer sections are in the writing machine's byte order. */
  endian: string;
  commits: number;
  /** Characters per hash: 40 (SHA-1) or 64 (SHA-256); 0 when there are no commits. */
  hashLength: number;
  strings: number;
  /** Byte length of the string table. */
  stringBytes: number;
  /** Number of 32-bit integers of the commit section. */
  ints: number;
  crc32: number;
  listing: StoredListing | null;
}

/** The body's sections as byte ranges: where each starts and ends. */
interface Sections {
  hashes: Buffer;
  table: Buffer;
  lengths: Buffer;
  ints: Buffer;
  times: Buffer;
}

function sectionsOf(body: Buffer, header: Header): Sections {
  const at = [
    header.commits * header.hashLength,
    header.stringBytes,
    header.strings * 4,
    header.ints * 4,
    header.commits * 8,
  ];
  const parts: Buffer[] = [];
  let start = 0;
  for (const size of at) {
    parts.push(body.subarray(start, start + size));
    start += size;
  }
  const [hashes, table, lengths, ints, times] = parts as [Buffer, Buffer, Buffer, Buffer, Buffer];
  return { hashes, table, lengths, ints, times };
}

function bodySize(header: Header): number {
  return (
    header.commits * (header.hashLength + 8) +
    header.stringBytes +
    header.strings * 4 +
    header.ints * 4
  );
}

/**
 * A decoded cache file: its commits in the stored order, read by index. Holds the file's
 * sections as typed arrays and its strings once; a LogCommit is made on demand.
 */
export class StoredHistory {
  private byHash: Map<string, number> | undefined;

  /** @internal made by {@link decodeCacheFile} only, after every check. */
  constructor(
    /** The listing the commits are, in its order; null: facts only, in no useful order. */
    readonly listing: StoredListing | null,
    private readonly hashText: string,
    private readonly hashLength: number,
    /** The string table's text, and where each string starts in it (one past: the end). */
    private readonly table: string,
    private readonly offsets: Int32Array,
    private readonly ints: Int32Array,
    /** Where each commit starts in `ints`. */
    private readonly starts: Int32Array,
    private readonly times: Float64Array,
    /** The body's raw sections, copied unchanged into the next file. */
    readonly sections: Sections,
  ) {
    this.strings = new Array<string | undefined>(offsets.length - 1).fill(undefined);
  }

  /**
   * The table's strings, each cut from its text when first asked for: a run that reads no
   * stored commit (one on top of them, extending a kept state) cuts none.
   */
  private readonly strings: (string | undefined)[];

  private string(n: number): string {
    return (this.strings[n] ??= this.table.slice(this.offsets[n]!, this.offsets[n + 1]!));
  }

  /** How many commits the file holds. */
  get size(): number {
    return this.times.length;
  }

  /** The full hash of the commit at `index`. */
  hashAt(index: number): string {
    const from = index * this.hashLength;
    return this.hashText.slice(from, from + this.hashLength);
  }

  /** The committer time (epoch seconds) of the commit at `index`, without making the commit. */
  timeAt(index: number): number {
    return this.times[index]!;
  }

  /** The index of the commit with this hash, or -1. */
  indexOf(hash: string): number {
    this.byHash ??= this.indexHashes();
    return this.byHash.get(hash) ?? -1;
  }

  /**
   * The commit at `index`, a new object each call, equal to what the history stream gave
   * (the same keys in the same order, so a cached commit is indistinguishable).
   */
  commitAt(index: number): LogCommit {
    const { ints } = this;
    let at = this.starts[index]!;
    const root = ints[at] === 1;
    const email = this.string(ints[at + 1]!);
    const name = this.string(ints[at + 2]!);
    const subject = this.string(ints[at + 3]!);
    const count = ints[at + 4]!;
    at += COMMIT_INTS;
    const changes: FileChange[] = new Array(count);
    for (let i = 0; i < count; i++, at += CHANGE_INTS) {
      const path = this.string(ints[at]!);
      const old = ints[at + 1]!;
      const churn = ints[at + 2]!;
      const lines = churn === -1 ? null : churn;
      changes[i] =
        old === -1 ? { path, churn: lines } : { path, oldPath: this.string(old), churn: lines };
    }
    return {
      hash: this.hashAt(index),
      root,
      email,
      name,
      time: this.times[index]!,
      subject,
      changes,
    };
  }

  /** Every commit, in the stored order. */
  commits(): LogCommit[] {
    return Array.from({ length: this.size }, (_, i) => this.commitAt(i));
  }

  /**
   * Whether a hash is held twice (no save writes that), given the hashes as bytes. Compares
   * the hashes' first 48 bits (a double holds them exactly), sorted, and only on a tie the
   * hashes themselves: a Set of 50,000 hashes would cost a run more than the rest of the
   * file's checks.
   */
  holdsAHashTwice(binary: Buffer): boolean {
    const prefixes = new Float64Array(this.size);
    const bytes = this.hashLength / 2;
    for (let i = 0; i < this.size; i++) prefixes[i] = binary.readUIntBE(i * bytes, 6);
    prefixes.sort();
    for (let i = 1; i < prefixes.length; i++) {
      if (prefixes[i] === prefixes[i - 1]) {
        this.byHash ??= this.indexHashes();
        return this.byHash.size !== this.size;
      }
    }
    return false;
  }

  private indexHashes(): Map<string, number> {
    const map = new Map<string, number>();
    for (let i = 0; i < this.size; i++) map.set(this.hashAt(i), i);
    return map;
  }
}

/** A cache file ready to be written: its size, and its bytes piece by piece, in order. */
export interface CacheFileLayout {
  /** Byte length of the whole file. */
  size: number;
  /**
   * The file's bytes in order, a new pass over them each call. The pieces are the sections'
   * own chunks where they can be: the file is never joined into one buffer. A piece is good
   * until the next is asked for (chunks a walk moved to its spill file are read back into
   * one buffer in turn): use each before taking the next.
   */
  pieces(): Iterable<Buffer>;
}

/**
 * Lays out a cache file written under `key` whose commits are `commits` (newest first),
 * followed by every commit of `after` when given (a file read before, copied section by
 * section, not re-encoded), and are `listing` (or null: facts in no useful order). The
 * header's sizes and CRC are computed here, by one pass over the body's pieces, so the
 * file is then written in one go. Throws a RangeError when `after`'s hashes are of another
 * length than the commits'.
 */
export function layOutCacheFile(
  key: string,
  commits: PackedCommits,
  listing: StoredListing | null = null,
  after?: StoredHistory,
): CacheFileLayout {
  const base = after?.sections;
  const baseStrings = base === undefined ? 0 : base.lengths.length / 4;
  const hashLength = commits.hashLength || (after?.size ? after.hashAt(0).length : 0);
  if (after !== undefined && after.size > 0 && after.hashAt(0).length !== hashLength)
    throw new RangeError('cached hashes differ in length');
  // New commits go in front (they are newer), new strings behind the copied table (so the
  // copied commits' indices stay valid, and the new ones' are moved up past them).
  function* body(): Generator<Buffer> {
    const own = commits.sections(baseStrings);
    yield* own.hashes;
    if (base !== undefined) {
      yield base.hashes;
      yield base.table;
    }
    yield* own.table;
    if (base !== undefined) yield base.lengths;
    yield* own.lengths;
    yield* own.ints;
    if (base !== undefined) yield base.ints;
    yield* own.times;
    if (base !== undefined) yield base.times;
  }
  let crc = 0;
  let bodyBytes = 0;
  for (const piece of body()) {
    crc = crc32(piece, crc);
    bodyBytes += piece.length;
  }
  const header: Header = {
    format: CACHE_FORMAT_VERSION,
    key,
    endian: endianness(),
    commits: commits.size + (after?.size ?? 0),
    hashLength,
    strings: baseStrings + commits.stringCount,
    stringBytes: (base?.table.length ?? 0) + commits.tableBytes,
    ints: commits.intCount + (base === undefined ? 0 : base.ints.length / 4),
    crc32: crc,
    listing,
  };
  // The sizes are what a reader checks the body against: a mismatch here is a bug, and
  // would only make a file every reader refuses.
  if (bodyBytes !== bodySize(header))
    throw new Error('layOutCacheFile: the sections do not add up');
  const head = Buffer.concat([MAGIC_BYTES, Buffer.from(JSON.stringify(header) + '\n', 'utf8')]);
  return {
    size: head.length + bodyBytes,
    *pieces() {
      yield head;
      yield* body();
    },
  };
}

/**
 * The whole cache file of `commits` (and of `after`, see {@link layOutCacheFile}) in one
 * buffer: for files written at once and for tests. Throws a RangeError for a fact the format
 * cannot hold (a churn beyond 2^31, hashes of two lengths): git's output never has them.
 */
export function encodeCacheFile(
  key: string,
  commits: readonly LogCommit[],
  listing: StoredListing | null = null,
  after?: StoredHistory,
): Buffer {
  const pieces = layOutCacheFile(key, PackedCommits.of(commits), listing, after).pieces();
  return Buffer.concat(Array.from(pieces, (piece) => Buffer.from(piece)));
}

/**
 * Decodes a cache file written under `key`. Throws a {@link CacheFileError} saying why when
 * the file is not one of ours, is of another format version or another key, is truncated or
 * damaged, or holds anything a LogCommit cannot.
 */
export function decodeCacheFile(data: Buffer, key: string): StoredHistory {
  const { header, headerEnd } = readHeader(data, key);
  const body = data.subarray(headerEnd + 1);
  const size = bodySize(header);
  if (body.length !== size)
    throw new CacheFileError(body.length < size ? 'it is truncated' : 'it has bytes after its end');
  if (crc32(body) !== header.crc32) throw new CacheFileError('its checksum does not match');
  const sections = sectionsOf(body, header);
  // Copied into fresh arrays: a Buffer from readFile may sit at an offset no view can use.
  const ints = new Int32Array(header.ints);
  Buffer.from(ints.buffer).set(sections.ints);
  const times = new Float64Array(header.commits);
  Buffer.from(times.buffer).set(sections.times);
  const lengths = new Int32Array(header.strings);
  Buffer.from(lengths.buffer).set(sections.lengths);
  const damaged = () => new CacheFileError('its body does not hold commits');

  const hashText = sections.hashes.toString('latin1');
  // Lower-case hexadecimal digits only, git's own spelling, which every lookup compares with:
  // decoding stops at the first other character, and encoding spells in lower case.
  const binary = Buffer.from(hashText, 'hex');
  if (binary.toString('hex') !== hashText) throw damaged();
  const table = sections.table.toString('utf8');
  const offsets = new Int32Array(header.strings + 1);
  let from = 0;
  for (let i = 0; i < lengths.length; i++) {
    const length = lengths[i]!;
    if (length < 0 || from + length > table.length) throw damaged();
    offsets[i] = from;
    from += length;
  }
  if (from !== table.length) throw damaged();
  offsets[lengths.length] = from;
  const starts = indexCommits(ints, times, header.strings);
  if (starts === null) throw damaged();
  const stored = new StoredHistory(
    header.listing,
    hashText,
    header.hashLength,
    table,
    offsets,
    ints,
    starts,
    times,
    sections,
  );
  // A hash twice would list a commit twice: the file is not one a save wrote.
  if (stored.holdsAHashTwice(binary)) throw damaged();
  return stored;
}

/**
 * Where each commit starts among the integers, after checking every index against the table
 * and every count against what is left; null when anything is out of bounds.
 */
function indexCommits(ints: Int32Array, times: Float64Array, strings: number): Int32Array | null {
  const starts = new Int32Array(times.length);
  const isString = (i: number) => i >= 0 && i < strings;
  let at = 0;
  for (let n = 0; n < times.length; n++) {
    if (at + COMMIT_INTS > ints.length || !Number.isSafeInteger(times[n])) return null;
    starts[n] = at;
    const root = ints[at]!;
    const count = ints[at + 4]!;
    if (root !== 0 && root !== 1) return null;
    if (!isString(ints[at + 1]!) || !isString(ints[at + 2]!) || !isString(ints[at + 3]!))
      return null;
    at += COMMIT_INTS;
    if (count < 0 || at + count * CHANGE_INTS > ints.length) return null;
    for (let end = at + count * CHANGE_INTS; at < end; at += CHANGE_INTS) {
      const old = ints[at + 1]!;
      if (!isString(ints[at]!) || (old !== -1 && !isString(old)) || ints[at + 2]! < -1) return null;
    }
  }
  return at === ints.length ? starts : null;
}

/**
 * The head of the listing a cache file records, read from its header alone (the body is not
 * checked: {@link decodeCacheFile} does that); null when the header is not one of this key
 * and format, or records no listing. Lets a pass start what it asks git next while the body
 * is decoded.
 */
export function storedHeadOf(data: Buffer, key: string): string | null {
  try {
    return readHeader(data, key).header.listing?.head ?? null;
  } catch {
    return null;
  }
}

/** The header of a cache file of `key` in this format, and where it ends; throws otherwise. */
function readHeader(data: Buffer, key: string): { header: Header; headerEnd: number } {
  if (data.length < MAGIC_BYTES.length || !data.subarray(0, MAGIC_BYTES.length).equals(MAGIC_BYTES))
    throw new CacheFileError('not an mldebt history cache');
  const headerEnd = data.indexOf(0x0a, MAGIC_BYTES.length);
  if (headerEnd === -1 || headerEnd - MAGIC_BYTES.length > MAX_HEADER_BYTES)
    throw new CacheFileError('its header is damaged');
  const header = parseHeader(data.toString('utf8', MAGIC_BYTES.length, headerEnd));
  if (header.format !== CACHE_FORMAT_VERSION)
    throw new CacheFileError(
      `written in cache format ${header.format}, not ${CACHE_FORMAT_VERSION}`,
    );
  if (header.key !== key) throw new CacheFileError('written for another repository or options');
  if (header.endian !== endianness())
    throw new CacheFileError('written on a machine of another byte order');
  return { header, headerEnd };
}

function parseHeader(text: string): Header {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CacheFileError('its header is damaged');
  }
  const h = value as Partial<Header> | null;
  const count = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;
  if (
    typeof h !== 'object' ||
    h === null ||
    !Number.isSafeInteger(h.format) ||
    typeof h.key !== 'string' ||
    typeof h.endian !== 'string'
  )
    throw new CacheFileError('its header is damaged');
  // Another version's header may have other fields: its version is refused before these.
  if (h.format !== CACHE_FORMAT_VERSION) return h as Header;
  const listing = h.listing;
  const listingValid =
    listing === null ||
    (typeof listing === 'object' &&
      listing !== undefined &&
      typeof listing.head === 'string' &&
      HASH.test(listing.head) &&
      (listing.reach === null || Number.isSafeInteger(listing.reach)));
  if (
    !count(h.commits) ||
    !(h.hashLength === 40 || h.hashLength === 64 || (h.hashLength === 0 && h.commits === 0)) ||
    !count(h.strings) ||
    !count(h.stringBytes) ||
    !count(h.ints) ||
    !count(h.crc32) ||
    !listingValid
  )
    throw new CacheFileError('its header is damaged');
  return h as Header;
}
