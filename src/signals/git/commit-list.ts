/**
 * The commits a history pass shows, as a list of hashes: `git rev-list` runs the very walk
 * `git log` runs (same start, same `--no-merges` and `--since-as-filter` filters, git's
 * default order: newest first, no history simplification) without diffing anything, so it
 * costs a fraction of the pass. With the list in hand the pass can be cut into shards, or
 * skip the commits a cache already holds.
 *
 * A fraction is still too much for a warm run (0.7 s for 50,000 commits, more than such a run
 * may cost in all), so the cache file records the listing its commits are, and a run takes
 * its list from there when that is exact (see {@link listPassCommits}).
 */
import type { PassList } from './cache/plan.js';
import type { StoredListing } from './cache/format.js';
import { GIT_CONFIG_OVERRIDES } from './git-env.js';
import { sinceFilter, spawnGit } from './log-stream.js';

export interface CommitListOptions {
  cwd: string;
  /** Revision to walk from: a full commit hash, already resolved. */
  rev: string;
  /** Commits with an older committer date are left out (epoch seconds); null: none. */
  sinceSeconds: number | null;
  env?: NodeJS.ProcessEnv;
  /** The chain check's listing from `rev` when it was started already ({@link readChain}). */
  chain?: Promise<string>;
  /** {@link listCommits}'s answer for these very options, when it was started already. */
  listing?: Promise<string[]>;
}

/** The exact argv of the listing: the history pass's walk and filters, no diff. */
export function commitListArgs(options: CommitListOptions): string[] {
  return [
    ...GIT_CONFIG_OVERRIDES,
    'rev-list',
    '--no-merges',
    ...sinceFilter(options.sinceSeconds),
    '--end-of-options',
    options.rev,
    '--',
  ];
}

/**
 * Lists the full hashes of the commits `git log --no-merges` shows from `rev` (filtered by
 * committer date from `sinceSeconds`), newest first, in the order it shows them. Rejects
 * with a GitLogError carrying git's stderr when git fails.
 */
export async function listCommits(options: CommitListOptions): Promise<string[]> {
  const chunks: Buffer[] = [];
  await spawnGit(commitListArgs(options), { ...options, command: 'rev-list' }, (chunk) =>
    chunks.push(chunk),
  ).done;
  // 41 bytes a commit: 2 MB for 50,000 commits, held as one string list.
  const text = Buffer.concat(chunks).toString('latin1');
  return text === '' ? [] : text.trimEnd().split('\n');
}

/** How a pass's list was made, for `--debug`. */
export type ListedBy = 'rev-list' | 'cache' | 'cache and new commits';

/**
 * Longest run of new commits on top of the cached head taken without a rev-list. Reading
 * them costs git about 30 µs a commit whatever the run's length (it reads this many), and a
 * longer run's own walk costs far more than the rev-list it saves.
 */
export const MAX_CHAIN = 256;

/**
 * The list of a history pass from `options.rev` reaching back to `options.sinceSeconds`,
 * taken from the cache's stored listing when that is exact, else from `git rev-list`:
 *
 * - the same head, reaching no further back than the stored listing: the stored list. Its
 *   commits older than the run's reach are left out as they are handed on (`--since-as-filter`
 *   filters commit by commit, without changing the walk, so filtering a longer list of the
 *   same walk is exact);
 * - a head that is a run of non-merge commits, each the only parent of the next, ending on the
 *   stored head ({@link readChainOnto}): those commits, then the stored list. That is git's
 *   own order: its default walk keeps a queue of commits by date and starts with the head
 *   alone in it; a commit with one parent leaves exactly that parent in the queue, whatever
 *   its date, so after the new commits the queue holds the stored head alone, the very state
 *   a walk from the stored head starts in, and from there the two walks are one. None of the
 *   new commits is reachable from the stored head, so none is met again below it;
 * - anything else (a merge among the new commits, a head that does not descend from the
 *   stored one, a run reaching further back, no stored listing, no cache): `git rev-list`.
 *
 * The stored list keeps its own reach, so the list made from it reaches back as far (the new
 * commits older than that are left out, as its rev-list would), and the cache can record it
 * with the new commits in front.
 */
export async function listPassCommits(
  options: CommitListOptions,
  cache: { stored: { listing: StoredListing | null } | null } | null,
): Promise<PassList & { listedBy: ListedBy }> {
  const reach = reachOf(options.sinceSeconds);
  const stored = cache?.stored?.listing ?? null;
  if (stored !== null && reachesNoFurther(reach, stored.reach)) {
    if (stored.head === options.rev)
      return {
        head: stored.head,
        reach: stored.reach,
        fresh: [],
        followsStored: true,
        listedBy: 'cache',
      };
    const chain = await readChainOnto(options, stored.head);
    if (chain !== null) {
      const fresh = chain.flatMap(({ hash, time }) =>
        stored.reach === null || time >= stored.reach ? [hash] : [],
      );
      return {
        head: options.rev,
        reach: stored.reach,
        fresh,
        followsStored: true,
        listedBy: 'cache and new commits',
      };
    }
  }
  const hashes = await (options.listing ?? listCommits(options));
  return { head: options.rev, reach, fresh: hashes, followsStored: false, listedBy: 'rev-list' };
}

/** A reach as git applies it: none when unset or not after the epoch (see `sinceFilter`). */
function reachOf(sinceSeconds: number | null): number | null {
  return sinceSeconds === null || sinceSeconds <= 0 ? null : sinceSeconds;
}

/** Whether a walk filtered at `reach` shows a subset of one filtered at `stored`. */
function reachesNoFurther(reach: number | null, stored: number | null): boolean {
  return stored === null || (reach !== null && reach >= stored);
}

/**
 * The chain check's listing ({@link chainArgs}): a pass starts it as soon as it knows the
 * cache holds another head, while the cache file is decoded, and hands it on as
 * `options.chain`.
 */
export async function readChain(
  options: Pick<CommitListOptions, 'cwd' | 'rev' | 'env'>,
  limit = MAX_CHAIN,
): Promise<string> {
  const chunks: Buffer[] = [];
  await spawnGit(chainArgs(options.rev, limit), { ...options, command: 'rev-list' }, (chunk) =>
    chunks.push(chunk),
  ).done;
  return Buffer.concat(chunks).toString('latin1');
}

/** The argv of the chain check: the first commits of the walk from `rev`, with parents. */
export function chainArgs(rev: string, limit: number): string[] {
  return [
    ...GIT_CONFIG_OVERRIDES,
    'rev-list',
    '--parents',
    '--timestamp',
    `--max-count=${limit}`,
    '--end-of-options',
    rev,
    '--',
  ];
}

/**
 * The commits from `options.rev` down to `base` (excluded), newest first, when they are a
 * chain: each a non-merge commit whose one parent is the next, the last one's parent `base`;
 * at most `limit` of them. Null when they are not (a merge, a root, `base` not met within
 * the limit). One `git rev-list` of at most `limit` commits: without a negative revision git
 * streams the walk and stops at the limit, where `rev ^base` would first walk down to where
 * the two histories meet (all of it, for an unrelated head).
 */
export async function readChainOnto(
  options: Pick<CommitListOptions, 'cwd' | 'rev' | 'env' | 'chain'>,
  base: string,
  limit = MAX_CHAIN,
): Promise<{ hash: string; time: number }[] | null> {
  const output = await (options.chain ?? readChain(options, limit));
  const chain: { hash: string; time: number }[] = [];
  let expected = options.rev;
  // Each line: committer time, the commit, its parents.
  for (const line of output.split('\n')) {
    const [time, hash, ...parents] = line.split(' ');
    if (hash !== expected || parents.length !== 1 || !/^\d+$/.test(time ?? '')) return null;
    chain.push({ hash, time: Number(time) });
    if (parents[0] === base) return chain;
    expected = parents[0]!;
  }
  return null;
}
