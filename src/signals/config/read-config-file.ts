/**
 * Reading a config file of the repository, defensively: it is the user's input, and one bad
 * file must never stop an audit. A file is skipped, with the reason, when it cannot be read,
 * is larger than {@link MAX_CONFIG_BYTES}, holds NUL bytes (binary), or is reached through a
 * symlink that leads out of the repository (it is never followed there). Text is decoded as
 * UTF-8 with a byte-order mark removed.
 */
import { lstatSync, readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { describeFsError } from '../../util/fs-errors.js';
import { pacer } from '../../util/yield.js';

/** Config files larger than this (1 MiB) are not read: configuration is written by people. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export type SkipReason = 'unreadable' | 'too-large' | 'binary' | 'symlink-outside';

export type ReadOutcome =
  | { ok: true; text: string }
  | { ok: false; reason: SkipReason; /** Why it could not be read, value-free. */ detail?: string };

/**
 * Reads `path` (repository-relative) below `root`; `realRoot` is the root with its own
 * symlinks resolved (computed once per run). Other readers of the repository's text files
 * (Python sources, notebooks) pass their own size limit.
 *
 * Blocking on purpose: a run reads thousands of small files while git streams, and each
 * asynchronous call (a realpath, a stat, an open, a read, a close) is a hop through libuv's
 * thread pool and back; the blocking calls cost a fraction of that CPU. Every
 * {@link READS_PER_TURN}th read first lets the event loop turn, so a run of many files still
 * lets the history's output in.
 */
export async function readConfigFile(
  root: string,
  realRoot: string,
  path: string,
  maxBytes = MAX_CONFIG_BYTES,
): Promise<ReadOutcome> {
  await pace();
  return readBlocking(root, realRoot, path, maxBytes);
}

/** Reads between two turns of the event loop, however many callers read. */
const READS_PER_TURN = 32;
const pace = pacer(READS_PER_TURN);

function readBlocking(root: string, realRoot: string, path: string, maxBytes: number): ReadOutcome {
  const absolute = join(root, path);
  try {
    // Where the path really leads: a symlink (or a symlinked directory on the way) that
    // leaves the repository is not followed.
    const real = realpathSync.native(absolute);
    const inside = relative(realRoot, real);
    if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) {
      return { ok: false, reason: 'symlink-outside' };
    }
    const stat = lstatSync(real);
    if (!stat.isFile()) return { ok: false, reason: 'unreadable', detail: 'not a regular file' };
    if (stat.size > maxBytes) return { ok: false, reason: 'too-large' };
    const bytes = readFileSync(real);
    // The file may have grown between the stat and the read.
    if (bytes.length > maxBytes) return { ok: false, reason: 'too-large' };
    if (bytes.includes(0)) return { ok: false, reason: 'binary' };
    const text = bytes.toString('utf8');
    return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (error) {
    return { ok: false, reason: 'unreadable', detail: describeFsError(error) };
  }
}
