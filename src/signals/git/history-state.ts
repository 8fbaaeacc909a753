/**
 * Extending an earlier audit's pass. A run on a new commit (the next one pushed) whose
 * history is an earlier run's commit with a few commits on top aggregates those few alone
 * and adds what the earlier run's aggregators held (their state, kept beside the cache in
 * the `state` slot of history-snapshot.ts), rather than aggregating every cached commit
 * again: on a long history that aggregation is most of such a run.
 *
 * Exact, not approximate: the extension is used only when one pass over all the commits,
 * newer first, would give the very same figures. Sums, sets and newest times add up
 * whatever the split (aggregate.ts, file-history.ts and resolved-fixes.ts merge them); what
 * does not is checked here, and any doubt falls back to the full aggregation:
 * - the new commits are a run of single-parent commits on top of the state's commit (the
 *   cache's own chain listing, see commit-list.ts): one pass would stream them first;
 * - no new commit renames a file: a rename re-keys every older change of the old name;
 * - the window moved only forward, and no commit the earlier pass counted leaves it or the
 *   pass's reach; none it saw was newer than its window end (those count only for renames);
 * - every path the older commits changed is tracked at the new commit exactly when it was
 *   at the earlier one: a file deleted since would take its commits out of its directory's
 *   figures, and a path tracked again would bring in history never kept per file;
 * - the inputs are the same: items, resolved items, rules, churn options, mldebt's code
 *   (the state's digest), and the clone is not shallow (a deepened clone adds old commits).
 */
import type { CommitSpan, HistoryState } from './aggregate.js';
import type { FileHistoryState } from './file-history.js';
import type { LogCommit } from './log-stream.js';
import type { ResolvedFixState } from './resolved-fixes.js';

/**
 * At most this many new commits: as many as a chain listing on top of the cache's commits
 * takes (MAX_CHAIN in commit-list.ts); the pass holds them until it knows.
 */
export const MAX_NEW_COMMITS = 256;

/** A window as the aggregators apply it: epoch seconds, inclusive; reach ≤ 0: no limit. */
export interface PassWindow {
  sinceSeconds: number;
  untilSeconds: number;
  reachSeconds: number;
}

/** What an audit's pass keeps for a run on a later commit. */
export interface PassState {
  /** The commit the pass walked from. */
  head: string;
  window: PassWindow;
  history: HistoryState;
  files: FileHistoryState;
  resolved: ResolvedFixState;
  /** The items' globs that matched a path changed in the window (see GitCollection). */
  globHits: string[];
}

function reachOf(window: PassWindow): number {
  return window.reachSeconds > 0 ? window.reachSeconds : Number.NEGATIVE_INFINITY;
}

/**
 * Whether the commits an earlier pass counted (seen over `span`) count the same in `next`:
 * the window moved only forward, none of them leaves it or the reach, and none was past the
 * earlier window's end.
 */
export function windowExtends(
  prior: { window: PassWindow; span: CommitSpan },
  next: PassWindow,
): boolean {
  const { window, span } = prior;
  return (
    next.untilSeconds >= window.untilSeconds &&
    (span.newest === null || span.newest <= window.untilSeconds) &&
    next.sinceSeconds >= window.sinceSeconds &&
    (span.oldestInWindow === null || span.oldestInWindow >= next.sinceSeconds) &&
    reachOf(next) >= reachOf(window) &&
    (span.oldest === null || span.oldest >= reachOf(next))
  );
}

/**
 * Whether the new commits (those the new window's pass sees) can be aggregated apart from
 * the older ones the state holds, given the files tracked at the new commit: none renames a
 * file, and every path the older commits changed is tracked now exactly when the state keeps
 * per-file figures for it (tracked then), so the per-file and per-directory figures of the
 * older commits are the same either way.
 */
export function commitsExtend(
  commits: readonly LogCommit[],
  tracked: ReadonlySet<string>,
  prior: Pick<PassState, 'history' | 'files'>,
): boolean {
  for (const commit of commits) {
    for (const change of commit.changes) if (change.oldPath !== undefined) return false;
  }
  const kept = prior.files.files;
  for (const path of prior.history.lastChangeByPath.keys()) {
    if (tracked.has(path) !== kept.has(path)) return false;
  }
  return true;
}
