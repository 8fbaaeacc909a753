/**
 * The history cache's file format: what one file holds and how it is checked before a single
 * fact of it is trusted.
 *
 * A file is three parts:
 *   1. a magic line, so a file of another tool (or of nothing) is told apart at once;
 *   2. a header line (JSON): format version, the cache key it was written for, the number of
 *      commits, the byte order, the body's section sizes and its CRC-32;
 *   3. the body: one table of strings (hashes, subjects, emails, names, paths), each once,
 *      joined by NUL; then one array of 32-bit integers holding each commit as indices into
 *      the table (hash, root flag, email, name, subject, number of changes, then per change
 *      path, old path or -1, churn or -1); then the committer times as 64-bit floats (a date
 *      after 2038 does not fit 32 bits, and repositories do hold commits dated 2100).
 *
 * Why this shape: reading 50,000 commits must cost a small fraction of one `git log` pass.
 * Splitting one string on NUL and walking an integer array is several times faster than
 * JSON.parse of the same facts, and NUL cannot occur in a path or a subject (git's `-z`
 * output is framed by it). A path is stored once however many commits change it, which keeps
 * the file small and lets decoded commits share one string per path. The section sizes
 * catch a truncated file, the CRC a flipped byte; after both, every index is bounds-checked
 * and every hash shape-checked anyway. No compression: gzip would shrink a file about 4x
 * but cost more time to read than the decoding itself.
 *
 * What is stored is exactly a LogCommit: hash, root flag, mailmapped author email and name,
 * committer time, subject, and per change the path, the old path of a rename and the churn.
 * A LogCommit holds no file contents and no configuration value, so neither can reach a cache
 * file; keep it that way.
 */
import { endianness } from 'node:os';
import { crc32 } from 'node:zlib';
import type { FileChange, LogCommit } from '../log-stream.js';

/** Raise it whenever what is stored per commit, or how, changes: older files are then ignored. */
export const CACHE_FORMAT_VERSION = 1;

const MAGIC = 'mldebt-history-cache\n';
const MAGIC_BYTES = Buffer.from(MAGIC, 'utf8');
/** A header line is a few hundred bytes; more than this is not ours. */
const MAX_HEADER_BYTES = 4096;
const HASH = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
/** Integers of a commit before its changes: hash, root, email, name, subject, changes. */
const COMMIT_INTS = 6;
/** Integers per change: path, old path (-1: none), churn (-1: not measured). */
const CHANGE_INTS = 3;
const INT32_MAX = 2 ** 31 - 1;

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
  /** Byte length of the string table. */
  stringBytes: number;
  /** Number of 32-bit integers. */
  ints: number;
  crc32: number;
}

/** Offset of the integer section in the body: the string table padded to 8 bytes. */
function padded(bytes: number): number {
  return Math.ceil(bytes / 8) * 8;
}

/**
 * Encodes commits (in the order given) for a cache file written under `key`. Throws a
 * RangeError for a fact the format cannot hold (a NUL in a text, churn beyond 2^31): git's
 * output never has them.
 */
export function encodeCacheFile(key: string, commits: readonly LogCommit[]): Buffer {
  const strings: string[] = [];
  const add = (text: string): number => {
    if (text.includes('\0')) throw new RangeError('a cached text holds a NUL byte');
    return strings.push(text) - 1;
  };
  // Paths, emails and names repeat across commits: stored once. Hashes and subjects do not.
  const index = new Map<string, number>();
  const intern = (text: string): number => {
    let at = index.get(text);
    if (at === undefined) {
      at = add(text);
      index.set(text, at);
    }
    return at;
  };
  let size = 0;
  for (const c of commits) size += COMMIT_INTS + c.changes.length * CHANGE_INTS;
  const ints = new Int32Array(size);
  const times = new Float64Array(commits.length);
  let at = 0;
  commits.forEach((c, n) => {
    ints[at++] = add(c.hash);
    ints[at++] = c.root ? 1 : 0;
    ints[at++] = intern(c.email);
    ints[at++] = intern(c.name);
    ints[at++] = add(c.subject);
    ints[at++] = c.changes.length;
    for (const change of c.changes) {
      const churn = change.churn ?? -1;
      if (!Number.isInteger(churn) || churn < -1 || churn > INT32_MAX)
        throw new RangeError('a churn does not fit the cache format');
      ints[at++] = intern(change.path);
      ints[at++] = change.oldPath === undefined ? -1 : intern(change.oldPath);
      ints[at++] = churn;
    }
    times[n] = c.time;
  });
  const table = Buffer.from(strings.join('\0'), 'utf8');
  const intBytes = Buffer.from(ints.buffer, ints.byteOffset, ints.byteLength);
  const timeBytes = Buffer.from(times.buffer, times.byteOffset, times.byteLength);
  const body = Buffer.alloc(padded(table.length) + intBytes.length + timeBytes.length);
  table.copy(body, 0);
  intBytes.copy(body, padded(table.length));
  timeBytes.copy(body, padded(table.length) + intBytes.length);
  const header: Header = {
    format: CACHE_FORMAT_VERSION,
    key,
    endian: endianness(),
    commits: times.length,
    stringBytes: table.length,
    ints: ints.length,
    crc32: crc32(body),
  };
  return Buffer.concat([MAGIC_BYTES, Buffer.from(JSON.stringify(header) + '\n', 'utf8'), body]);
}

/**
 * Decodes a cache file written under `key` into its commits, by hash. Throws a
 * {@link CacheFileError} saying why when the file is not one of ours, is of another format
 * version or another key, is truncated or damaged, or holds anything a LogCommit cannot.
 */
export function decodeCacheFile(data: Buffer, key: string): Map<string, LogCommit> {
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
  const body = data.subarray(headerEnd + 1);
  const intOffset = padded(header.stringBytes);
  const timeOffset = intOffset + header.ints * 4;
  const size = timeOffset + header.commits * 8;
  if (body.length !== size)
    throw new CacheFileError(body.length < size ? 'it is truncated' : 'it has bytes after its end');
  if (crc32(body) !== header.crc32) throw new CacheFileError('its checksum does not match');
  // Copied into fresh arrays: a Buffer from readFile may sit at an offset no view can use.
  const ints = new Int32Array(header.ints);
  Buffer.from(ints.buffer).set(body.subarray(intOffset, timeOffset));
  const times = new Float64Array(header.commits);
  Buffer.from(times.buffer).set(body.subarray(timeOffset, size));
  const table = body.toString('utf8', 0, header.stringBytes).split('\0');
  return decodeCommits(table, ints, times);
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
    typeof h.endian !== 'string' ||
    !count(h.commits) ||
    !count(h.stringBytes) ||
    !count(h.ints) ||
    !count(h.crc32)
  )
    throw new CacheFileError('its header is damaged');
  return h as Header;
}

function decodeCommits(
  table: string[],
  ints: Int32Array,
  times: Float64Array,
): Map<string, LogCommit> {
  const damaged = () => new CacheFileError('its body does not hold commits');
  const size = table.length;
  const text = (i: number): string => {
    if (i < 0 || i >= size) throw damaged();
    return table[i]!;
  };
  const commits = new Map<string, LogCommit>();
  let at = 0;
  for (let n = 0; n < times.length; n++) {
    if (at + COMMIT_INTS > ints.length) throw damaged();
    const hash = text(ints[at]!);
    const root = ints[at + 1]!;
    const email = text(ints[at + 2]!);
    const name = text(ints[at + 3]!);
    const subject = text(ints[at + 4]!);
    const count = ints[at + 5]!;
    const time = times[n]!;
    at += COMMIT_INTS;
    if (!HASH.test(hash)) throw damaged();
    if ((root !== 0 && root !== 1) || !Number.isSafeInteger(time)) throw damaged();
    if (count < 0 || at + count * CHANGE_INTS > ints.length) throw damaged();
    const changes: FileChange[] = new Array(count);
    for (let i = 0; i < count; i++, at += CHANGE_INTS) {
      const path = text(ints[at]!);
      const old = ints[at + 1]!;
      const churn = ints[at + 2]!;
      if (churn < -1) throw damaged();
      const lines = churn === -1 ? null : churn;
      // The key order of the stream's own objects, so a cached commit is indistinguishable.
      changes[i] = old === -1 ? { path, churn: lines } : { path, oldPath: text(old), churn: lines };
    }
    commits.set(hash, { hash, root: root === 1, email, name, time, subject, changes });
  }
  // A hash twice would have overwritten a commit: the file is not one a save wrote.
  if (at !== ints.length || commits.size !== times.length) throw damaged();
  return commits;
}
