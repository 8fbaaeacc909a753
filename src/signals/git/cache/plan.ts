/**
 * Planning a history pass around the cache: of the listed commits, which the cache holds and
 * which git must walk; then the two merged back into the list's order, so the aggregator sees
 * exactly the sequence one uncached pass would have streamed.
 *
 * Rebases and rewrites need no code of their own: facts are keyed by commit hash, a rewritten
 * commit has a new hash and is simply not cached, and a commit no longer listed is never
 * looked up (and is dropped when the cache is saved).
 */
import type { LogCommit } from '../log-stream.js';

/** What a cache can answer: a commit's facts by hash. */
export interface CommitLookup {
  get(hash: string): LogCommit | undefined;
}

/** The listed commits split into those the cache holds and those git must walk. */
export interface CachePlan {
  cached: Map<string, LogCommit>;
  /** In list order. */
  toWalk: string[];
}

/**
 * Splits `hashes` (the run's commit list) into cached facts and commits to walk. With no
 * cache (`null`: `--no-cache`, or none available) every commit is walked.
 */
export function planFromCache(hashes: readonly string[], cache: CommitLookup | null): CachePlan {
  const cached = new Map<string, LogCommit>();
  const toWalk: string[] = [];
  for (const hash of hashes) {
    const commit = cache?.get(hash);
    if (commit === undefined) toWalk.push(hash);
    else cached.set(hash, commit);
  }
  return { cached, toWalk };
}

/**
 * Feeds `emit` the listed commits in list order as walked commits arrive (in any order),
 * taking the others from `cached`. A walked commit is passed on as soon as every commit
 * before it in the list has been; when walked commits come in list order (as
 * `git log --no-walk=unsorted` gives them), nothing is held back.
 */
export class ListOrderMerger {
  private next = 0;
  private readonly waiting = new Map<string, LogCommit>();
  private readonly listed: Set<string>;

  constructor(
    private readonly hashes: readonly string[],
    private readonly cached: ReadonlyMap<string, LogCommit>,
    private readonly emit: (commit: LogCommit) => void,
  ) {
    this.listed = new Set(hashes);
  }

  /** One walked commit. Throws for a commit that is not in the list (a bug in the caller). */
  push(commit: LogCommit): void {
    if (!this.listed.has(commit.hash))
      throw new Error(`walked commit ${commit.hash.slice(0, 10)} is not in the commit list`);
    this.waiting.set(commit.hash, commit);
    this.drain();
  }

  /**
   * After the walk: passes on the cached commits at the end of the list. Throws when a listed
   * commit was neither cached nor walked (the walk lost it: a bug, never to be read as zero).
   */
  end(): void {
    this.drain();
    if (this.next < this.hashes.length)
      throw new Error(
        `commit ${this.hashes[this.next]!.slice(0, 10)} was listed but neither cached nor walked`,
      );
  }

  private drain(): void {
    for (; this.next < this.hashes.length; this.next++) {
      const hash = this.hashes[this.next]!;
      const commit = this.waiting.get(hash) ?? this.cached.get(hash);
      if (commit === undefined) return;
      this.waiting.delete(hash);
      this.emit(commit);
    }
  }
}
