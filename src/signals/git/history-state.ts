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
 * - notebooks' churn is counted as it was (a repository whose first notebook arrives, or
 *   whose last one goes, counts its older notebook changes otherwise: see notebook-churn.ts);
 * - the inputs are the same: items, resolved items, rules, churn options, mldebt's code
 *   (the state's digest), and the clone is not shallow (a deepened clone adds old commits).
 */
import type { FixCommit } from '../../model/index.js';
import type { CommitSpan, HistoryState } from './aggregate.js';
import type { FileHistoryState, PathState } from './file-history.js';
import type { LogCommit } from './log-stream.js';
import type { NotebookMode } from './notebook-churn.js';
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
  /** How notebooks' churn was counted: their cells' sources, left out, or git's count (null). */
  notebooks: NotebookMode | null;
  /** Notebook changes of the window read from their sources, and those left to git's count. */
  notebookCounts: { counted: number; unreadable: number };
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

/**
 * A state as it is kept: flat arrays of numbers, paths and emails named by their index in
 * one table each, so that reading it back is one JSON.parse and a few tight loops (the maps
 * and sets of a long history's state, each field a tagged object, took most of a
 * next-commit run's reading time). Maps keep their order, which a single pass's would have.
 */
export interface EncodedState {
  head: string;
  window: PassWindow;
  span: CommitSpan;
  paths: string[];
  emails: string[];
  commitsInWindow: number;
  rootTime: number | null;
  /** Pairs: path, newest time. */
  lastChangeByPath: number[];
  changedAfterEnd: number[];
  groups: EncodedGroup[];
  files: number[];
  directories: number[];
  resolved: ResolvedFixState;
  globHits: string[];
  notebooks: NotebookMode | null;
  notebookCounts: { counted: number; unreadable: number };
}

interface EncodedGroup {
  commits: number;
  fixCommits: number;
  sharedFixCommits: number;
  churn: number;
  lastChange: number | null;
  authors: number[];
  fixesByMonth: [string, number][];
  fixes: FixCommit[];
  /** Triples: path, commits, fix commits. */
  files: number[];
}

/** Numbers its strings in the order first met. */
class StringTable {
  readonly strings: string[] = [];
  private readonly numbers = new Map<string, number>();

  of(text: string): number {
    let n = this.numbers.get(text);
    if (n === undefined) {
      n = this.strings.length;
      this.strings.push(text);
      this.numbers.set(text, n);
    }
    return n;
  }
}

export function encodeState(state: PassState): EncodedState {
  const paths = new StringTable();
  const emails = new StringTable();
  const { history, files } = state;
  const lastChangeByPath: number[] = [];
  for (const [path, time] of history.lastChangeByPath) lastChangeByPath.push(paths.of(path), time);
  // Per path: path, commits, fix commits, churn, last change (-1: none), authors, then them.
  const pathStates = (map: ReadonlyMap<string, PathState>) => {
    const flat: number[] = [];
    for (const [path, s] of map) {
      flat.push(
        paths.of(path),
        s.commits,
        s.fixCommits,
        s.churn,
        s.lastChange ?? -1,
        s.authors.size,
      );
      for (const email of s.authors) flat.push(emails.of(email));
    }
    return flat;
  };
  return {
    head: state.head,
    window: state.window,
    span: history.span,
    commitsInWindow: history.commitsInWindow,
    rootTime: history.rootTime,
    lastChangeByPath,
    changedAfterEnd: [...history.changedAfterEnd].map((path) => paths.of(path)),
    groups: history.groups.map((group) => {
      const groupFiles: number[] = [];
      for (const [path, counts] of group.files)
        groupFiles.push(paths.of(path), counts.commits, counts.fixCommits);
      return {
        commits: group.commits,
        fixCommits: group.fixCommits,
        sharedFixCommits: group.sharedFixCommits,
        churn: group.churn,
        lastChange: group.lastChange,
        authors: [...group.authors].map((email) => emails.of(email)),
        fixesByMonth: [...group.fixesByMonth],
        fixes: group.fixes,
        files: groupFiles,
      };
    }),
    files: pathStates(files.files),
    directories: pathStates(files.directories),
    resolved: state.resolved,
    globHits: state.globHits,
    notebooks: state.notebooks,
    notebookCounts: state.notebookCounts,
    paths: paths.strings,
    emails: emails.strings,
  };
}

/** The state {@link encodeState} encoded; throws when the value is not one. */
export function decodeState(value: EncodedState): PassState {
  const { paths, emails } = value;
  const path = (n: number | undefined): string => {
    const text = n === undefined ? undefined : paths[n];
    if (text === undefined) throw new Error('not a kept state: a path out of its table');
    return text;
  };
  const email = (n: number | undefined): string => {
    const text = n === undefined ? undefined : emails[n];
    if (text === undefined) throw new Error('not a kept state: an email out of its table');
    return text;
  };
  const lastChangeByPath = new Map<string, number>();
  const flat = value.lastChangeByPath;
  for (let i = 0; i < flat.length; i += 2) lastChangeByPath.set(path(flat[i]), flat[i + 1]!);
  const pathStates = (flat: readonly number[]) => {
    const states = new Map<string, PathState>();
    for (let i = 0; i < flat.length;) {
      const key = path(flat[i]);
      const count = flat[i + 5];
      if (count === undefined || i + 6 + count > flat.length)
        throw new Error('not a kept state: a path state cut short');
      const authors = new Set<string>();
      for (let a = i + 6; a < i + 6 + count; a++) authors.add(email(flat[a]));
      const last = flat[i + 4]!;
      states.set(key, {
        commits: flat[i + 1]!,
        fixCommits: flat[i + 2]!,
        churn: flat[i + 3]!,
        lastChange: last === -1 ? null : last,
        authors,
      });
      i += 6 + count;
    }
    return states;
  };
  return {
    head: value.head,
    window: value.window,
    history: {
      span: value.span,
      commitsInWindow: value.commitsInWindow,
      rootTime: value.rootTime,
      lastChangeByPath,
      changedAfterEnd: new Set(value.changedAfterEnd.map(path)),
      groups: value.groups.map((group) => {
        const files = new Map<string, { commits: number; fixCommits: number }>();
        for (let i = 0; i < group.files.length; i += 3)
          files.set(path(group.files[i]), {
            commits: group.files[i + 1]!,
            fixCommits: group.files[i + 2]!,
          });
        return {
          commits: group.commits,
          fixCommits: group.fixCommits,
          sharedFixCommits: group.sharedFixCommits,
          churn: group.churn,
          lastChange: group.lastChange,
          authors: new Set(group.authors.map(email)),
          fixesByMonth: new Map(group.fixesByMonth),
          fixes: group.fixes,
          files,
        };
      }),
    },
    files: { files: pathStates(value.files), directories: pathStates(value.directories) },
    resolved: value.resolved,
    globHits: value.globHits,
    notebooks: value.notebooks,
    notebookCounts: value.notebookCounts,
  };
}
