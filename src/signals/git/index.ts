/**
 * The history pass as the git collector runs it: the one pass from a resolved commit, and turns the
 * aggregate into per-item GitSignals plus the diagnostics that say what could not be
 * measured (shallow or partial history, a window that holds next to nothing).
 */
import type { Diagnostic, GitSignal } from '../../model/index.js';
import { isoDay, subtractDuration } from '../../util/dates.js';
import type { ItemGlobIndex } from '../../util/item-globs.js';
import type { TextPattern } from '../../util/text-pattern.js';
import { HistoryAggregator, hottestFiles, type HistoryResult } from './aggregate.js';
import type { FileHistoryResult } from './file-history.js';
import { streamHistory, type LogCommit } from './log-stream.js';
import { describeGitFailure, readPartialClone, readShallow } from './repo.js';
import type { ResolvedFixes } from './resolved-fixes.js';

export interface GitCollectOptions {
  root: string;
  /** The commit walked from (HEAD's, or the `--until` revision's), a full hash. */
  hash: string;
  /** Window bounds, epoch milliseconds, inclusive. */
  sinceMs: number;
  untilMs: number;
  /** The pass reaches back this far for last-change dates (max(window, stale_after)). */
  staleAfter: string;
  fixPattern: TextPattern;
  fixExclude: TextPattern | null;
  isBot: (name: string, email: string) => boolean;
  lineChurn: boolean;
  /** The ranked items' globs, grouped (see ItemGlobIndex). */
  index: ItemGlobIndex;
  /** Per group, the files tracked at HEAD its globs select (listed while history streams). */
  groupFiles: Promise<string[][]>;
  /** Environment for git (PATH, HOME, config locations). */
  env?: NodeJS.ProcessEnv;
  /** Called with the number of commits read so far (the CLI shows it on a terminal). */
  onProgress?: (commits: number) => void;
  /** Sees every commit of the pass too (`scan` aggregates per file from the same pass). */
  observe?: (commit: LogCommit) => void;
}

export interface GitCollection {
  /** Per group of the index: its signal, or null when its globs select no file. */
  groupSignals: (GitSignal | null)[];
  history: HistoryResult;
  shallow: boolean;
  /** Whether line churn was measured (a partial clone cannot). */
  lineChurn: boolean;
  warnings: Diagnostic[];
  notes: Diagnostic[];
  /** What the audit's pass also gathered to reconcile the inventory with the history. */
  reconciliation?: ReconciliationHistory;
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

export async function collectGitHistory(options: GitCollectOptions): Promise<GitCollection> {
  const { root, hash, sinceMs, untilMs, env } = options;
  const reachMs = Math.min(sinceMs, subtractDuration(untilMs, options.staleAfter));
  const warnings: Diagnostic[] = [];
  const notes: Diagnostic[] = [];

  const aggregator = new HistoryAggregator({
    index: options.index,
    fixPattern: options.fixPattern,
    fixExclude: options.fixExclude,
    isBot: options.isBot,
    sinceSeconds: Math.ceil(sinceMs / 1000),
    untilSeconds: Math.floor(untilMs / 1000),
  });
  let read = 0;
  // A partial clone is measured from local objects only: no churn, exact renames only.
  const pass = async () => {
    const partial = await readPartialClone(root, env);
    await streamHistory(
      {
        cwd: root,
        rev: hash,
        sinceSeconds: Math.ceil(reachMs / 1000),
        // No upper bound: commits after the window end are walked for their renames only.
        lineChurn: options.lineChurn && !partial,
        exactRenamesOnly: partial,
        env,
      },
      (commit) => {
        aggregator.add(commit);
        options.observe?.(commit);
        if (options.onProgress && ++read % 1000 === 0) options.onProgress(read);
      },
    ).catch((error: unknown) => {
      throw describeGitFailure(root, error);
    });
    return partial;
  };
  // The small queries run while the history streams: the pass is the long pole.
  const [groupFiles, shallow, partial] = await Promise.all([
    options.groupFiles,
    readShallow(root, env),
    pass(),
  ]);
  const lineChurn = options.lineChurn && !partial;
  if (partial) {
    warnings.push({
      code: 'partial-clone',
      message:
        'partial clone: file contents are not local and mldebt never fetches them, so churn is ' +
        'not measured and only renames of unchanged files are followed; for full figures clone ' +
        'without --filter (actions/checkout: no filter), or fetch the contents: ' +
        'git config --unset remote.origin.partialclonefilter && git fetch --refetch origin',
    });
  }
  aggregator.addGroupFiles(groupFiles);
  const history = aggregator.result();
  // A root commit inside the window: the repository is simply younger than the window.
  const firstCommit = shallow.shallow ? null : history.rootTime;

  const windowStart = isoDay(sinceMs);
  if (shallow.shallow && shallow.boundaryTime !== null && shallow.boundaryTime * 1000 > sinceMs) {
    const stops = isoDay(shallow.boundaryTime * 1000);
    warnings.push({
      code: 'shallow-history',
      message:
        `shallow clone: git history stops at ${stops}, inside the window that starts ${windowStart}; ` +
        `commit counts, fix frequency and authors are undercounted. Fetch full history ` +
        `(actions/checkout with fetch-depth: 0) or at least the window (git fetch --shallow-since=${windowStart}).`,
    });
  } else if (shallow.shallow) {
    notes.push({
      code: 'shallow-complete',
      message: `shallow clone, but its history reaches back past the window start ${windowStart}: the window is complete`,
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

  const groupSignals = history.groups.map((h): GitSignal | null => {
    if (h.matchedPaths.size === 0) return null;
    return {
      commits: h.commits,
      fixCommits: h.fixCommits,
      sharedFixCommits: h.sharedFixCommits,
      authors: h.authors.size,
      churn: lineChurn ? h.churn : null,
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
    shallow: shallow.shallow,
    lineChurn,
    warnings,
    notes,
  };
}
