/**
 * The history pass as the git collector runs it: the one pass from a resolved commit, and turns the
 * aggregate into per-item GitSignals plus the diagnostics that say what could not be
 * measured (shallow or partial history, a window that holds next to nothing).
 */
import type { Diagnostic, GitSignal } from '../../model/index.js';
import { UserError } from '../../errors.js';
import { isoDay, subtractDuration } from '../../util/dates.js';
import type { ItemGlobIndex } from '../../util/item-globs.js';
import type { TextPattern } from '../../util/text-pattern.js';
import {
  HistoryAggregator,
  hottestFiles,
  type HistoryResult,
  type HistoryState,
} from './aggregate.js';
import type { ChurnScope } from './churn-scope.js';
import type { FileHistoryResult } from './file-history.js';
import type { LogCommit } from './log-stream.js';
import { churnForAllPaths, forcedShards } from './pass-knobs.js';
import { preparePass, reachSecondsOf, type PreparedPass } from './prepare-pass.js';
import {
  describeGitFailure,
  readShallow,
  type GitDirectoryFacts,
  type ShallowInfo,
} from './repo.js';
import type { ResolvedFixes } from './resolved-fixes.js';
import { openHistoryCache } from './cache/index.js';
import { readChain } from './commit-list.js';
import {
  MAX_NOTEBOOK_BYTES,
  readNotebookChurn,
  withNotebookChurn,
  type NotebookChurn,
  type NotebookMode,
} from './notebook-churn.js';
import { isNotebookPath } from './notebook-sources.js';
import { streamShardedHistory } from './shards.js';

/** What every window of one history pass shares: the repository, the commit, the rules. */
export interface GitSharedOptions {
  root: string;
  /** What git said of the repository as the run found it; absent: asked again. */
  facts?: GitDirectoryFacts;
  /** The commit walked from (HEAD's, or the `--until` revision's), a full hash. */
  hash: string;
  /** The pass reaches back this far for last-change dates (max(window, stale_after)). */
  staleAfter: string;
  fixPattern: TextPattern;
  fixExclude: TextPattern | null;
  isBot: (name: string, email: string) => boolean;
  lineChurn: boolean;
  /** Environment for git (PATH, HOME, config locations). */
  env?: NodeJS.ProcessEnv;
  /** Called with the number of commits read so far (the CLI shows it on a terminal). */
  onProgress?: (commits: number) => void;
  /** Receives diagnostics for `--debug`, a line each: the pass's shard plan. */
  onDebug?: (line: string) => void;
  /** Whether the warm history cache is read and written (`--no-cache`: false). */
  cache?: boolean;
  /**
   * Told what the cache met (a file ignored, one evicted, a directory it cannot use): about
   * this machine, not the repository, so never in a report.
   */
  onNotice?: (line: string) => void;
  /**
   * Where line churn is needed (the items' globs, see churn-scope.ts); null or absent: every
   * path (scan's per-file churn). Names, renames and commits are read for every path anyway.
   */
  churnScope?: () => Promise<ChurnScope | null>;
  /**
   * How Jupyter notebooks enter line churn (see notebook-churn.ts), and whether the
   * repository has any (tracked at HEAD): without one, nothing is read for them.
   * Absent: git's own count of their JSON lines.
   */
  notebooks?: {
    mode: NotebookMode;
    present: () => Promise<boolean>;
    /**
     * When the pass extends a kept state (history-state.ts): the state's commit, whose
     * history's notebook changes are not read again, and how many the state counted.
     */
    kept?: { above: string; counted: number; unreadable: number };
  };
  /**
   * What the caller found out already (the history snapshot needs both): whether the clone
   * is partial, and where its cache is for the pass's options. Absent: the pass reads them.
   */
  prepared?: PreparedPass;
  /**
   * The pass's commit list, started early by a caller that knew the pass would list every
   * commit (no cache file to take it from), with the reach it was listed for; used only when
   * that is the pass's own reach.
   */
  listing?: { reach: number; hashes: Promise<string[]> };
}

/** One window measured from a shared pass: its bounds, its items and its observer. */
export interface GitWindowOptions {
  /** Window bounds, epoch milliseconds, inclusive. */
  sinceMs: number;
  untilMs: number;
  /** The ranked items' globs, grouped (see ItemGlobIndex). */
  index: ItemGlobIndex;
  /** Per group, the files tracked at HEAD its globs select (listed while history streams). */
  groupFiles: Promise<string[][]>;
  /**
   * Sees every commit of the pass within this window's reach too (`scan` aggregates per file
   * from the same pass).
   */
  observe?: (commit: LogCommit) => void;
  /**
   * Extending an earlier pass (history-state.ts): `prior` is asked after the pass for what
   * the commits below the walked ones add (null: nothing, the pass walked them all), and
   * `keep` is told the window's state. Both are told how the pass counted notebooks' churn
   * (null: git's count, no notebook at the commit): tallies counted otherwise never mix.
   */
  extend?: WindowExtension;
}

/** A window's hooks for extending an earlier pass (see GitWindowOptions.extend). */
export interface WindowExtension {
  prior: (notebooks: NotebookMode | null) => HistoryState | null;
  keep: (
    state: HistoryState,
    notebooks: NotebookMode | null,
    counts: { counted: number; unreadable: number },
  ) => void;
}

export type GitCollectOptions = GitSharedOptions & GitWindowOptions;

export interface GitCollection {
  /** Per group of the index: its signal, or null when its globs select no file. */
  groupSignals: (GitSignal | null)[];
  /**
   * The pass's facts beyond the signals. Not the per-group tallies the signals were made
   * from: nothing reads them after, and a kept result would carry them for nothing.
   */
  history: Omit<HistoryResult, 'groups'>;
  shallow: boolean;
  /**
   * Where a shallow clone's history stops (the newest boundary commit's committer date,
   * epoch seconds), or null when history is complete: a path no commit touched since then
   * may have changed at any time before it.
   */
  historyStops: number | null;
  /** Whether line churn was measured (a partial clone cannot). */
  lineChurn: boolean;
  warnings: Diagnostic[];
  notes: Diagnostic[];
  /** What the audit's pass also gathered to reconcile the inventory with the history. */
  reconciliation?: ReconciliationHistory;
  /**
   * The items' globs that matched a path changed in this window: a result read back marks
   * them in its run's index (which matches the files at HEAD itself), or a glob that matched
   * only a file deleted in the window would be called dead on a warm run alone.
   */
  globHits: string[];
}

/**
 * Facts of the same pass that no ranked item's signal holds: fix commits to resolved items'
 * paths, and per-file history (scan's aggregation) to find hotspots no item declares.
 */
export interface ReconciliationHistory {
  /** Per resolved item with a `resolved:` date and paths, in inventory order. */
  resolvedFixes: ResolvedFixes[];
  /** Per tracked file and directory, over the window. */
  files: FileHistoryResult;
}

/** Measures one window: {@link collectGitHistories} with a single window. */
export async function collectGitHistory(options: GitCollectOptions): Promise<GitCollection> {
  const [collection] = await collectGitHistories(options, [options]);
  return collection!;
}

/**
 * Measures several windows ending at the same commit's history from ONE history pass (one
 * `git log`, or its parallel shards, which yield the same commits in the same order): the
 * pass reaches back as far as the farthest window needs, and each window's aggregator (and
 * observer) sees exactly the commits its own pass would have streamed. Returns one
 * collection per window, in order, each equal to what a pass of its own would give.
 */
export async function collectGitHistories(
  shared: GitSharedOptions,
  windows: readonly GitWindowOptions[],
): Promise<GitCollection[]> {
  const { root, hash, env } = shared;
  if (windows.length === 0) return [];
  const measured = windows.map((window) => {
    // Each window reaches back max(window, stale_after): older changes are last-change dates.
    const reachSeconds = reachSecondsOf(window, shared.staleAfter);
    const aggregator = new HistoryAggregator({
      index: window.index,
      fixPattern: shared.fixPattern,
      fixExclude: shared.fixExclude,
      isBot: shared.isBot,
      sinceSeconds: Math.ceil(window.sinceMs / 1000),
      untilSeconds: Math.floor(window.untilMs / 1000),
    });
    return { window, reachSeconds, aggregator };
  });
  const passReach = Math.min(...measured.map((m) => m.reachSeconds));
  let read = 0;
  let notebooks: NotebookChurn | 'exclude' | null = null;
  // Read before any git runs: a bad value is the user's error, not git's.
  forcedShards(env);
  churnForAllPaths(env);
  // Where a shallow clone's history stops: read while the pass prepares, used as it streams.
  const shallowRead = readShallow(root, env, shared.facts);
  // A partial clone is measured from local objects only: no churn, exact renames only.
  const pass = async () => {
    const { partial, located } = shared.prepared ?? (await preparePass(shared));
    const lineChurn = shared.lineChurn && !partial;
    // A cache of another head: git lists the commits on top of it while the file is decoded.
    let chain: Promise<string> | undefined;
    const opened = await openHistoryCache(
      {
        root,
        env,
        enabled: shared.cache ?? false,
        lineChurn,
        exactRenamesOnly: partial,
        onStoredHead: (head) => {
          if (head === hash) return;
          chain = readChain({ cwd: root, rev: hash, env });
          // Awaited by the plan when it follows the stored listing, else never: not a crash.
          chain.catch(() => undefined);
        },
      },
      located,
    );
    for (const note of opened.notes) shared.onNotice?.(note.message);
    // The notebooks' churn is read (a walk limited to them, and every version of each) while
    // the history's gits run: only the aggregators must wait for it.
    const ready = lineChurn
      ? notebookChurn(shared, measured, partial).then((churn) => {
          notebooks = churn;
        })
      : undefined;
    // Awaited through the pass; one that fails before must not leave a rejection behind.
    ready?.catch(() => undefined);
    // A shallow clone's boundary commit has no parent in the clone: git shows it adding every
    // file it holds, which is no change anyone made. It counts as a commit that changed
    // nothing (figures stop where history stops, as the shallow warning says), never as a
    // change to every file with whole files as churn.
    const { boundaries } = await shallowRead;
    const cut = boundaries.length === 0 ? null : new Set(boundaries);
    // Sharded or not, the commits arrive in the one pass's order (see shards.ts).
    await streamShardedHistory(
      {
        cwd: root,
        rev: hash,
        sinceSeconds: passReach,
        // No upper bound: commits after the window end are walked for their renames only.
        lineChurn,
        exactRenamesOnly: partial,
        env,
        onDebug: shared.onDebug,
        cache: opened.cache,
        churnScope: shared.churnScope,
        chain,
        listing: shared.listing?.reach === passReach ? shared.listing.hashes : undefined,
        ready,
      },
      (listed) => {
        const walked = cut?.has(listed.hash) ? { ...listed, changes: [] } : listed;
        const commit = notebooks === null ? walked : withNotebookChurn(walked, notebooks);
        for (const { window, reachSeconds, aggregator } of measured) {
          // The shared pass reaches back for the farthest window; a nearer window must not see
          // what its own pass filters out (as git's `--since-as-filter`: older than its reach,
          // when it has one), or its last changes, its renames of old names and its root time
          // would come from commits beyond its reach.
          if (reachSeconds > 0 && commit.time < reachSeconds) continue;
          aggregator.add(commit);
          window.observe?.(commit);
        }
        if (shared.onProgress && ++read % 1000 === 0) shared.onProgress(read);
      },
    ).catch((error: unknown) => {
      // The notebooks' reading says what failed itself.
      throw error instanceof UserError ? error : describeGitFailure(root, error);
    });
    // What the cache met on the way (a file ignored, one evicted, a failed save).
    for (const note of opened.cache?.notes ?? []) shared.onNotice?.(note.message);
    return partial;
  };
  // The small queries run while the history streams: the pass is the long pole.
  const [allGroupFiles, shallow, partial] = await Promise.all([
    Promise.all(windows.map((window) => window.groupFiles)),
    shallowRead,
    pass(),
  ]);
  // Assigned inside the pass, which TypeScript does not follow.
  const counted = notebooks as NotebookChurn | 'exclude' | null;
  const notebookMode = counted === null ? null : counted === 'exclude' ? 'exclude' : 'sources';
  const notebookCounts =
    counted === null || counted === 'exclude'
      ? { counted: 0, unreadable: 0 }
      : { counted: counted.counted, unreadable: counted.unreadable };
  return measured.map(({ window, aggregator }, w) => {
    const prior = window.extend?.prior(notebookMode) ?? null;
    if (prior !== null) aggregator.seed(prior);
    const collection = describeWindow(shared, window, aggregator, allGroupFiles[w]!, {
      shallow,
      partial,
      notebooksExcluded: notebooks === 'exclude',
    });
    const note = describeNotebooks(notebooks);
    if (note !== null) collection.notes.push(note);
    window.extend?.keep(aggregator.state(), notebookMode, notebookCounts);
    return collection;
  });
}

/**
 * Notebook churn for the pass: null when git's count stands (no notebook in the repository,
 * or the mode is unset), `exclude` when notebooks are left out of churn.
 */
async function notebookChurn(
  shared: GitSharedOptions,
  measured: readonly { aggregator: unknown; window: GitWindowOptions }[],
  partial: boolean,
): Promise<NotebookChurn | 'exclude' | null> {
  const { notebooks } = shared;
  if (notebooks === undefined || !(await notebooks.present())) return null;
  if (notebooks.mode === 'exclude') return 'exclude';
  const kept = notebooks.kept;
  const churn = await readNotebookChurn({
    cwd: shared.root,
    rev: shared.hash,
    above: kept?.above,
    // Only the windows' own commits count churn.
    sinceSeconds: Math.min(...measured.map(({ window }) => Math.ceil(window.sinceMs / 1000))),
    exactRenamesOnly: partial,
    env: shared.env,
  }).catch((error: unknown) => {
    throw describeGitFailure(shared.root, error);
  });
  // What the note says counts every notebook change of the window, the kept ones too.
  if (kept !== undefined) {
    churn.counted += kept.counted;
    churn.unreadable += kept.unreadable;
  }
  return churn;
}

/** The note that says how notebooks were counted; null when nothing was done for them. */
function describeNotebooks(notebooks: NotebookChurn | 'exclude' | null): Diagnostic | null {
  if (notebooks === null) return null;
  if (notebooks === 'exclude') {
    return {
      code: 'notebooks-excluded',
      message:
        'Jupyter notebooks are left out of line churn (settings.notebooks: exclude); their commits still count',
    };
  }
  if (notebooks.counted === 0 && notebooks.unreadable === 0) return null;
  const unreadable =
    notebooks.unreadable === 0
      ? ''
      : `; ${notebooks.unreadable} kept git's count (a version over ${MAX_NOTEBOOK_BYTES / 1024 / 1024} MB, or not a notebook's JSON)`;
  return {
    code: 'notebook-churn',
    message:
      `notebook churn counts the cells' sources, not outputs or execution counts: ` +
      `${notebooks.counted} notebook change${notebooks.counted === 1 ? '' : 's'} read${unreadable}`,
  };
}

/** One window's signals and diagnostics, once its aggregator has seen the whole pass. */
function describeWindow(
  shared: GitSharedOptions,
  window: GitWindowOptions,
  aggregator: HistoryAggregator,
  groupFiles: string[][],
  pass: { shallow: ShallowInfo; partial: boolean; notebooksExcluded: boolean },
): GitCollection {
  const { shallow, partial } = pass;
  const { sinceMs, untilMs } = window;
  const warnings: Diagnostic[] = [];
  const notes: Diagnostic[] = [];
  const lineChurn = shared.lineChurn && !partial;
  if (partial) {
    warnings.push({
      code: 'partial-clone',
      message:
        'partial clone: file contents are not local and mldebt never fetches them, so churn is ' +
        'not measured and only renames of unchanged files are followed; for full figures clone ' +
        'without --filter (actions/checkout: no filter), or fetch the contents: ' +
        'git config --unset remote.origin.partialclonefilter && git fetch --refetch origin; ' +
        'or, to go without churn on purpose, pass --no-line-churn',
    });
  }
  aggregator.addGroupFiles(groupFiles);
  const { groups, ...history } = aggregator.result();
  // A root commit inside the window: the repository is simply younger than the window.
  const firstCommit = shallow.shallow ? null : history.rootTime;

  const windowStart = isoDay(sinceMs);
  // The commit history stops at counts as changing nothing (see the pass), so a config file
  // unchanged since then may be stale or not: past the stale cut, it is not judged.
  const staleUnjudged =
    shallow.boundaryTime !== null &&
    shallow.boundaryTime * 1000 > subtractDuration(untilMs, shared.staleAfter)
      ? ` Config files unchanged since ${isoDay(shallow.boundaryTime * 1000)} are not judged ` +
        `stale: what came before is not in the clone.`
      : '';
  if (shallow.shallow && shallow.boundaryTime !== null && shallow.boundaryTime * 1000 > sinceMs) {
    const stops = isoDay(shallow.boundaryTime * 1000);
    warnings.push({
      code: 'shallow-history',
      message:
        `shallow clone: git history stops at ${stops}, inside the window that starts ${windowStart}; ` +
        `commit counts, fix frequency and authors are undercounted (the commit it stops at ` +
        `counts as changing no file: its parent is not in the clone).${staleUnjudged} Fetch ` +
        `full history (actions/checkout with fetch-depth: 0) or at least the window and the ` +
        `commit before it (git fetch --shallow-since=${windowStart} && git fetch --deepen=1).`,
    });
  } else if (shallow.shallow) {
    notes.push({
      code: 'shallow-complete',
      message:
        `shallow clone, but its history reaches back past the window start ${windowStart}: ` +
        `the window is complete.${staleUnjudged}`,
    });
  } else if (firstCommit !== null && firstCommit * 1000 > sinceMs) {
    notes.push({
      code: 'young-repository',
      message:
        `history begins ${isoDay(firstCommit * 1000)}, after the window start ${windowStart}: ` +
        `the repository is younger than the window (nothing is missing; rates are per the full window)`,
    });
  }
  const young = firstCommit !== null && firstCommit * 1000 > sinceMs;
  if (history.commitsInWindow <= 1 && !young && !shallow.shallow) {
    // Every figure rests on at most one commit while history goes on before the window: a
    // dormant repository, or a commit with a wrong date (a HEAD dated 2100) that moved the
    // window away from the history. Either way the zeros below mean little: say so.
    warnings.push({
      code: 'sparse-window',
      message:
        `the window ${windowStart} → ${isoDay(untilMs)} holds ${history.commitsInWindow} commit` +
        `${history.commitsInWindow === 1 ? '' : 's'} (merges aside), and history before it is older ` +
        `than its start: if a committer date is wrong (HEAD is dated ${isoDay(untilMs)}), ` +
        'pass --until <YYYY-MM-DD>; otherwise widen it with --since',
    });
  }

  const groupSignals = groups.map((h): GitSignal | null => {
    if (h.matchedPaths.size === 0) return null;
    // Churn left out for every file of the group is churn not measured, never 0.
    const churnLeftOut = pass.notebooksExcluded && [...h.matchedPaths].every(isNotebookPath);
    return {
      commits: h.commits,
      fixCommits: h.fixCommits,
      sharedFixCommits: h.sharedFixCommits,
      authors: h.authors.size,
      churn: lineChurn && !churnLeftOut ? h.churn : null,
      lastChange: h.lastChange === null ? null : isoDay(h.lastChange * 1000),
      fixesByMonth: Object.fromEntries([...h.fixesByMonth.entries()].sort()),
      matchedFiles: h.matchedPaths.size,
      hotFiles: hottestFiles(h.files),
      fixes: h.fixes,
    };
  });

  return {
    groupSignals,
    history,
    globHits: window.index.changeHits(),
    shallow: shallow.shallow,
    historyStops: shallow.shallow ? shallow.boundaryTime : null,
    lineChurn,
    warnings,
    notes,
  };
}
