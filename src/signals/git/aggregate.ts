/**
 * Pure aggregation of streamed commits into per-item and per-path facts. No I/O: the
 * history pass feeds commits in, tests can feed them by hand.
 *
 * Renames are followed as the log streams newest-first: when commit C renames `old → new`,
 * every older commit touching `old` is attributed to the file's current name too, so an
 * item whose glob names only the new path still sees the file's earlier history.
 */
import type { TextPattern } from '../../util/text-pattern.js';
import type { FixCommit, HotFile } from '../../report/model.js';
import { isoDay, isoMonth } from '../../util/dates.js';
import type { LogCommit } from './log-stream.js';

/** Fix commits kept per item for `explain` and reports (the count is always exact). */
export const MAX_FIXES_LISTED = 100;
const MAX_HOT_FILES = 5;

export interface AggregateOptions {
  /** One matcher list per item (index-aligned); an item without paths has an empty list. */
  itemMatchers: ((path: string) => boolean)[][];
  fixPattern: TextPattern;
  /** Window bounds, epoch seconds, inclusive. Older commits only feed `lastChange`. */
  sinceSeconds: number;
  untilSeconds: number;
  lineChurn: boolean;
}

export interface ItemHistory {
  commits: number;
  fixCommits: number;
  authors: Set<string>;
  churn: number;
  /** Newest committer time touching the item, any age (epoch seconds), or null. */
  lastChange: number | null;
  fixesByMonth: Map<string, number>;
  fixes: FixCommit[];
  /** Identity paths (current names) the item touched in the window, with per-file counts. */
  files: Map<string, { commits: number; fixCommits: number }>;
  /** Files the item's globs match: tracked at HEAD, or current names touched in the window. */
  matchedPaths: Set<string>;
  /** The subset tracked at HEAD: the files that exist now (coverage and config look at these). */
  trackedPaths: string[];
}

export interface PathHistory {
  commits: number;
  fixCommits: number;
  churn: number;
  lastChange: number;
}

export interface HistoryResult {
  items: ItemHistory[];
  /** Per current path, window figures (the basis of `scan` hotspots). */
  paths: Map<string, PathHistory>;
  /** Last change per current path over the whole pass (reaches back for staleness). */
  lastChangeByPath: Map<string, number>;
  commitsInWindow: number;
  /** Oldest committer time seen in the pass, epoch seconds. */
  oldestSeen: number | null;
  /** Committer time of the oldest root (parentless) commit the pass reached: where history begins. */
  rootTime: number | null;
  /** Per item, per glob: whether it matched a tracked file or a path in the window. */
  globHits: boolean[][];
}

export class HistoryAggregator {
  private readonly items: ItemHistory[];
  private readonly paths = new Map<string, PathHistory>();
  private readonly lastChangeByPath = new Map<string, number>();
  /** old path -> the name it has now (after later renames). */
  private readonly currentName = new Map<string, string>();
  /** path -> indices of the items whose globs match it (each distinct path matched once). */
  private readonly matchCache = new Map<string, number[]>();
  private readonly globHits: boolean[][];
  private readonly globsCounted = new Set<string>();
  private commitsInWindow = 0;
  private oldestSeen: number | null = null;
  private rootTime: number | null = null;

  constructor(private readonly options: AggregateOptions) {
    this.items = options.itemMatchers.map(() => ({
      commits: 0,
      fixCommits: 0,
      authors: new Set<string>(),
      churn: 0,
      lastChange: null,
      fixesByMonth: new Map<string, number>(),
      fixes: [],
      files: new Map(),
      matchedPaths: new Set<string>(),
      trackedPaths: [],
    }));
    this.globHits = options.itemMatchers.map((matchers) => matchers.map(() => false));
  }

  /** Files tracked at HEAD: they count as matched files even when the window never touched them. */
  addTrackedFiles(paths: readonly string[]): void {
    for (const path of paths) {
      for (const i of this.match(path, true)) {
        this.items[i]!.matchedPaths.add(path);
        this.items[i]!.trackedPaths.push(path);
      }
    }
  }

  add(commit: LogCommit): void {
    const { sinceSeconds, untilSeconds } = this.options;
    if (commit.time > untilSeconds) {
      // Newer than the window end: only its renames matter (they name files' current paths).
      for (const change of commit.changes) this.recordRename(change.oldPath, change.path);
      return;
    }
    this.oldestSeen =
      this.oldestSeen === null ? commit.time : Math.min(this.oldestSeen, commit.time);
    const inWindow = commit.time >= sinceSeconds;
    const isFix = inWindow && this.options.fixPattern.test(commit.subject);
    if (inWindow) this.commitsInWindow++;

    // Per item: which identity paths of this commit matched, and the lines they changed.
    const touched = new Map<number, { churn: number; files: Set<string> }>();
    for (const change of commit.changes) {
      const identity = this.resolve(change.path);
      this.lastChangeByPath.set(
        identity,
        Math.max(this.lastChangeByPath.get(identity) ?? 0, commit.time),
      );
      if (inWindow) this.addPathStats(identity, change.churn ?? 0, isFix);

      const names = [change.path, identity];
      if (change.oldPath !== undefined) names.push(change.oldPath);
      const matched = new Set<number>();
      for (const name of names) for (const i of this.match(name, inWindow)) matched.add(i);
      for (const i of matched) {
        const entry = touched.get(i) ?? { churn: 0, files: new Set<string>() };
        entry.churn += change.churn ?? 0;
        entry.files.add(identity);
        touched.set(i, entry);
        if (inWindow) this.items[i]!.matchedPaths.add(identity);
      }
      this.recordRename(change.oldPath, change.path);
    }

    for (const [i, { churn, files }] of touched) {
      const item = this.items[i]!;
      item.lastChange = Math.max(item.lastChange ?? 0, commit.time);
      if (!inWindow) continue;
      item.commits++;
      item.churn += churn;
      item.authors.add(commit.email);
      for (const file of files) {
        const stats = item.files.get(file) ?? { commits: 0, fixCommits: 0 };
        stats.commits++;
        if (isFix) stats.fixCommits++;
        item.files.set(file, stats);
      }
      if (isFix) {
        item.fixCommits++;
        const month = isoMonth(commit.time * 1000);
        item.fixesByMonth.set(month, (item.fixesByMonth.get(month) ?? 0) + 1);
        if (item.fixes.length < MAX_FIXES_LISTED) {
          item.fixes.push({
            commit: commit.hash.slice(0, 10),
            date: isoDay(commit.time * 1000),
            subject: commit.subject,
          });
        }
      }
    }
  }

  result(): HistoryResult {
    return {
      items: this.items,
      paths: this.paths,
      lastChangeByPath: this.lastChangeByPath,
      commitsInWindow: this.commitsInWindow,
      oldestSeen: this.oldestSeen,
      rootTime: this.rootTime,
      globHits: this.globHits,
    };
  }

  private resolve(path: string): string {
    return this.currentName.get(path) ?? path;
  }

  private recordRename(oldPath: string | undefined, newPath: string): void {
    // Older commits that touch `oldPath` were made to the file now called resolve(newPath).
    if (oldPath !== undefined && oldPath !== newPath)
      this.currentName.set(oldPath, this.resolve(newPath));
  }

  /**
   * Items whose globs match `path`, computed once per distinct path. Every glob is tried (no
   * short-circuit) so each glob's "matched something" flag is known for the no-match warning;
   * `countsForGlobs` is false for paths seen only outside the window.
   */
  private match(path: string, countsForGlobs: boolean): number[] {
    const cached = this.matchCache.get(path);
    if (cached !== undefined && (!countsForGlobs || this.globsCounted.has(path))) return cached;
    const hits: number[] = [];
    this.options.itemMatchers.forEach((matchers, i) => {
      let any = false;
      matchers.forEach((m, j) => {
        if (m(path)) {
          any = true;
          if (countsForGlobs) this.globHits[i]![j] = true;
        }
      });
      if (any) hits.push(i);
    });
    this.matchCache.set(path, hits);
    if (countsForGlobs) this.globsCounted.add(path);
    return hits;
  }

  private addPathStats(path: string, churn: number, isFix: boolean): void {
    const stats = this.paths.get(path) ?? { commits: 0, fixCommits: 0, churn: 0, lastChange: 0 };
    stats.commits++;
    stats.churn += churn;
    if (isFix) stats.fixCommits++;
    this.paths.set(path, stats);
  }
}

/** The item's most-changed files: most commits, then most fixes, then path. */
export function hottestFiles(
  files: Map<string, { commits: number; fixCommits: number }>,
): HotFile[] {
  return [...files.entries()]
    .map(([path, s]) => ({ path, commits: s.commits, fixCommits: s.fixCommits }))
    .sort(
      (a, b) => b.commits - a.commits || b.fixCommits - a.fixCommits || (a.path < b.path ? -1 : 1),
    )
    .slice(0, MAX_HOT_FILES);
}
