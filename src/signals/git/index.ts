/**
 * The git signal collector: resolves the window, runs the one history pass, and turns the
 * aggregate into per-item GitSignals plus the diagnostics that say what could not be
 * measured (shallow history, globs matching nothing).
 */
import type { TextPattern } from '../../util/text-pattern.js';
import type { Diagnostic, GitSignal, ReportWindow, SourceLocation } from '../../report/model.js';
import { compileGlob, suggestGlob } from '../../util/glob.js';
import { DAY_MS, isoDay, subtractDuration } from '../../util/dates.js';
import { HistoryAggregator, hottestFiles, type HistoryResult } from './aggregate.js';
import { streamHistory } from './log-stream.js';
import { listTrackedFiles, readShallow } from './repo.js';

export interface GitItemInput {
  id: string;
  paths: string[];
  /** Where each glob sits in the inventory, for the no-match warning. */
  pathLocations: SourceLocation[];
}

export interface GitCollectOptions {
  root: string;
  /** Revision walked (HEAD unless `--until` named one). */
  rev: string;
  /** Window bounds, epoch milliseconds, inclusive. */
  sinceMs: number;
  untilMs: number;
  /** The pass reaches back this far for last-change dates (max(window, stale_after)). */
  staleAfter: string;
  fixPattern: TextPattern;
  lineChurn: boolean;
  items: GitItemInput[];
  /** Called with the number of commits read so far (the CLI shows it on a terminal). */
  onProgress?: (commits: number) => void;
}

export interface GitCollection {
  /** Index-aligned with the items; null for an item without paths. */
  signals: (GitSignal | null)[];
  /** Index-aligned with the items: the tracked files at HEAD each item's globs match. */
  itemFiles: string[][];
  trackedFiles: string[];
  history: HistoryResult;
  shallow: boolean;
  warnings: Diagnostic[];
  notes: Diagnostic[];
}

export async function collectGitHistory(options: GitCollectOptions): Promise<GitCollection> {
  const { root, rev, sinceMs, untilMs } = options;
  const reachMs = Math.min(sinceMs, subtractDuration(untilMs, options.staleAfter));
  const aggregator = new HistoryAggregator({
    itemMatchers: options.items.map((item) => item.paths.map(compileGlob)),
    fixPattern: options.fixPattern,
    sinceSeconds: Math.ceil(sinceMs / 1000),
    untilSeconds: Math.floor(untilMs / 1000),
    lineChurn: options.lineChurn,
  });
  let read = 0;
  // The small queries run while the history streams: the pass is the long pole.
  const [trackedFiles, shallow] = await Promise.all([
    listTrackedFiles(root, rev),
    readShallow(root),
    streamHistory(
      {
        cwd: root,
        rev,
        sinceSeconds: Math.ceil(reachMs / 1000),
        // No upper bound: commits after the window end are walked for their renames only.
        lineChurn: options.lineChurn,
      },
      (commit) => {
        aggregator.add(commit);
        if (options.onProgress && ++read % 1000 === 0) options.onProgress(read);
      },
    ),
  ]);
  aggregator.addTrackedFiles(trackedFiles);
  const history = aggregator.result();
  // A root commit inside the window: the repository is simply younger than the window.
  const firstCommit = shallow.shallow ? null : history.rootTime;

  const warnings: Diagnostic[] = [];
  const notes: Diagnostic[] = [];
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

  options.items.forEach((item, i) => {
    item.paths.forEach((glob, j) => {
      if (history.globHits[i]![j]) return;
      const suggestion = suggestGlob(glob, trackedFiles);
      warnings.push({
        code: 'glob-no-match',
        itemId: item.id,
        location: item.pathLocations[j],
        message:
          `${item.id}: glob "${glob}" matches no tracked file at HEAD and no path changed in the window` +
          (suggestion ? ` (did you mean "${suggestion}"?)` : ''),
      });
    });
  });

  const signals = options.items.map((item, i): GitSignal | null => {
    if (item.paths.length === 0) return null;
    const h = history.items[i]!;
    return {
      commits: h.commits,
      fixCommits: h.fixCommits,
      authors: h.authors.size,
      churn: options.lineChurn ? h.churn : null,
      lastChange: h.lastChange === null ? null : isoDay(h.lastChange * 1000),
      fixesByMonth: Object.fromEntries([...h.fixesByMonth.entries()].sort()),
      matchedFiles: h.matchedPaths.size,
      hotFiles: hottestFiles(h.files),
      fixes: h.fixes,
    };
  });

  return {
    signals,
    itemFiles: history.items.map((h) => h.trackedPaths),
    trackedFiles,
    history,
    shallow: shallow.shallow,
    warnings,
    notes,
  };
}

/** The window from its bounds: days are exact, dates are UTC days. */
export function describeWindow(sinceMs: number, untilMs: number): ReportWindow {
  return {
    since: isoDay(sinceMs),
    until: isoDay(untilMs),
    days: Math.round(((untilMs - sinceMs) / DAY_MS) * 100) / 100,
  };
}
