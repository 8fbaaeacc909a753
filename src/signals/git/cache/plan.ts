/**
 * Planning a history pass around the cache: of the listed commits, which the cache holds and
 * which git must walk; then the two merged back into the list's order, so the aggregator sees
 * exactly the sequence one uncached pass would have streamed.
 *
 * A pass's list (see commit-list.ts) is some commits named by hash ("fresh"), followed, when
 * it was derived from the cache file's own listing, by every commit the file holds, in the
 * file's order. Those are cached by construction and taken by index, without a lookup by
 * hash; the fresh ones are looked up and walked when the cache lacks them.
 *
 * Rebases and rewrites need no code of their own: facts are keyed by commit hash, a rewritten
 * commit has a new hash and is simply not cached, and a commit no longer listed is never
 * looked up (and is dropped when the cache is saved).
 */
import type { LogCommit } from '../log-stream.js';
import type { StoredHistory } from './format.js';

/** What a cache can answer: a commit's facts by hash. */
export interface CommitLookup {
  get(hash: string): LogCommit | undefined;
}

/**
 * The commits of a pass, newest first: `fresh`, then (when `followsStored`) every commit of
 * the cache file, in its order. Every commit `git rev-list --no-merges` shows from `head`
 * with a committer time at or after `reach` (null: the whole history), in its order; a run
 * that reaches less far back hands on only its own part of it.
 */
export interface PassList {
  head: string;
  reach: number | null;
  fresh: readonly string[];
  followsStored: boolean;
}

/** The listed commits split into those the cache holds and those git must walk. */
export interface CachePlan {
  /** Per fresh commit, its cached facts; empty (undefined) where it is walked. */
  cachedFresh: (LogCommit | undefined)[];
  /** In list order: the fresh commits themselves when none is cached. */
  toWalk: readonly string[];
  /** How many listed commits come from the cache, fresh or stored. */
  cachedCount: number;
}

/**
 * Splits the fresh commits of `list` into cached facts and commits to walk; the stored ones
 * that follow are cached by construction. With no cache (`null`: `--no-cache`, or none
 * available) every commit is walked. A cold run (nothing cached) makes no copy of its list:
 * at 50,000 commits two arrays of them would be a megabyte held for the whole walk.
 */
export function planFromCache(
  list: Pick<PassList, 'fresh'>,
  cache: CommitLookup | null,
  storedCount = 0,
): CachePlan {
  const fresh = list.fresh;
  const cachedFresh: (LogCommit | undefined)[] = [];
  /** Null while no commit so far is cached: the commits to walk are then `fresh`'s own. */
  let toWalk: string[] | null = null;
  let cachedCount = storedCount;
  for (let i = 0; cache !== null && i < fresh.length; i++) {
    const commit = cache.get(fresh[i]!);
    if (commit === undefined) {
      toWalk?.push(fresh[i]!);
      continue;
    }
    toWalk ??= fresh.slice(0, i);
    cachedFresh[i] = commit;
    cachedCount++;
  }
  return { cachedFresh, toWalk: toWalk ?? fresh, cachedCount };
}

/**
 * Feeds `emit` the listed commits in list order as walked commits arrive, taking the others
 * from the plan and the stored history, and leaving out those older than the run's own reach
 * (`sinceSeconds`: a list taken from the cache may reach further back than the run, and
 * git's `--since-as-filter` filters commit by commit, so leaving them out here is the same
 * filter). A walked commit is passed on as soon as every commit before it in the list has
 * been; when walked commits come in list order (as `git log --no-walk=unsorted` gives them),
 * nothing is held back.
 */
export class ListOrderMerger {
  private next = 0;
  private waiting: Map<string, LogCommit> | undefined;
  private listed: Set<string> | undefined;
  private readonly stored: StoredHistory | null;

  constructor(
    private readonly list: PassList,
    private readonly plan: CachePlan,
    stored: StoredHistory | null,
    private readonly sinceSeconds: number | null,
    private readonly emit: (commit: LogCommit) => void,
  ) {
    this.stored = list.followsStored ? stored : null;
    if (list.followsStored && stored === null)
      throw new Error('ListOrderMerger: the list follows a stored history it was not given');
  }

  /** One walked commit. Throws for a commit that is not in the list (a bug in the caller). */
  push(commit: LogCommit): void {
    const fresh = this.list.fresh;
    // Cached commits before it go first: then `next` is a walked commit's place.
    this.drain();
    if (this.next < fresh.length && fresh[this.next] === commit.hash) {
      // The commit the list waits for: no need to hold it.
      this.next++;
      this.pass(commit);
    } else {
      this.listed ??= new Set(fresh);
      if (!this.listed.has(commit.hash))
        throw new Error(`walked commit ${commit.hash.slice(0, 10)} is not in the commit list`);
      (this.waiting ??= new Map()).set(commit.hash, commit);
    }
    this.drain();
  }

  /**
   * After the walk: passes on the cached commits at the end of the list. Throws when a listed
   * commit was neither cached nor walked (the walk lost it: a bug, never to be read as zero).
   */
  end(): void {
    this.drain();
    const fresh = this.list.fresh;
    if (this.next < fresh.length)
      throw new Error(
        `commit ${fresh[this.next]!.slice(0, 10)} was listed but neither cached nor walked`,
      );
    const stored = this.stored;
    if (stored === null) return;
    const since = this.sinceSeconds;
    for (let i = 0; i < stored.size; i++) {
      if (since === null || stored.timeAt(i) >= since) this.emit(stored.commitAt(i));
    }
  }

  private drain(): void {
    const fresh = this.list.fresh;
    for (; this.next < fresh.length; this.next++) {
      const hash = fresh[this.next]!;
      let commit = this.plan.cachedFresh[this.next];
      if (commit === undefined) {
        commit = this.waiting?.get(hash);
        if (commit === undefined) return;
        this.waiting!.delete(hash);
      }
      this.pass(commit);
    }
  }

  private pass(commit: LogCommit): void {
    if (this.sinceSeconds === null || commit.time >= this.sinceSeconds) this.emit(commit);
  }
}
