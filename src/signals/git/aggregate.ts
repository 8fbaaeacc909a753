/**
 * Pure aggregation of streamed commits into per-group facts (a group is the items that share
 * the very same globs, see ItemGlobIndex). No I/O: the history pass feeds commits in, tests
 * can feed them by hand.
 *
 * Renames are followed as the log streams newest-first: when commit C renames `old → new`,
 * every older commit touching `old` is attributed to the file's current name too, so an
 * item whose glob names only the new path still sees the file's earlier history.
 *
 * What counts as a failure event: a commit in the window whose subject matches the fix
 * pattern, does not match the exclusion pattern (typo and lint "fixes" are not failures),
 * and was not made by a bot (dependabot's `fix(deps): bump` is not a failure either). Bots'
 * commits still count as commits and churn, never as authors or fixes.
 */
import type { FixCommit, HotFile } from '../../model/index.js';
import { isoDay, isoMonth } from '../../util/dates.js';
import type { ItemGlobIndex } from '../../util/item-globs.js';
import { CommitRules, RenameTracker, type CommitRuleOptions } from './commit-rules.js';
import type { LogCommit } from './log-stream.js';
import { compareText } from '../../util/text.js';

/** Fix commits kept per item for `explain` and reports (the count is always exact). */
export const MAX_FIXES_LISTED = 100;
const MAX_HOT_FILES = 5;

export interface AggregateOptions extends CommitRuleOptions {
  index: ItemGlobIndex;
  /** Window bounds, epoch seconds, inclusive. Older commits only feed `lastChange`. */
  sinceSeconds: number;
  untilSeconds: number;
}

/** What the window's history says about the items of one group. */
export interface GroupHistory {
  commits: number;
  fixCommits: number;
  /** Fix commits that also touch paths of an item outside the group, or the group has several items. */
  sharedFixCommits: number;
  authors: Set<string>;
  churn: number;
  /** Newest committer time touching the group, any age (epoch seconds), or null. */
  lastChange: number | null;
  fixesByMonth: Map<string, number>;
  fixes: FixCommit[];
  /** Identity paths (current names) the group touched in the window, with per-file counts. */
  files: Map<string, { commits: number; fixCommits: number }>;
  /** Files the globs select: tracked at HEAD, or current names touched in the window. */
  matchedPaths: Set<string>;
}

export interface HistoryResult {
  groups: GroupHistory[];
  /** Non-merge commits in the window. */
  commitsInWindow: number;
  /** Committer time of the oldest root (parentless) commit the pass reached: where history begins. */
  rootTime: number | null;
  /**
   * Per identity path (a file's current name), the newest committer time (epoch seconds) of a
   * commit up to the window end that touched it, as far back as the pass reached. A path the
   * pass never saw changed is absent: its last change is older than the pass's reach.
   */
  lastChangeByPath: ReadonlyMap<string, number>;
  /**
   * Identity paths touched by commits after the window end (walked for their renames): a
   * path here and not in {@link lastChangeByPath} may not have existed at the window end.
   */
  changedAfterEnd: ReadonlySet<string>;
}

export class HistoryAggregator {
  /**
   * How many (commit, group) updates were made: one per group a commit touches, none for the
   * groups it does not (tests hold the work per commit to that bound, however many items).
   */
  groupUpdates = 0;
  private readonly groups: GroupHistory[];
  private readonly rules: CommitRules;
  private readonly names = new RenameTracker();
  private readonly lastChangeByPath = new Map<string, number>();
  private readonly changedAfterEnd = new Set<string>();
  private commitsInWindow = 0;
  private rootTime: number | null = null;

  constructor(private readonly options: AggregateOptions) {
    this.rules = new CommitRules(options);
    this.groups = options.index.groups.map(() => ({
      commits: 0,
      fixCommits: 0,
      sharedFixCommits: 0,
      authors: new Set<string>(),
      churn: 0,
      lastChange: null,
      fixesByMonth: new Map<string, number>(),
      fixes: [],
      files: new Map(),
      matchedPaths: new Set<string>(),
    }));
  }

  /**
   * The files tracked at HEAD each group's globs select: they count as matched files even when
   * the window never touched them.
   */
  addGroupFiles(groupFiles: readonly (readonly string[])[]): void {
    groupFiles.forEach((files, g) => {
      for (const path of files) this.groups[g]!.matchedPaths.add(path);
    });
  }

  add(commit: LogCommit): void {
    const { sinceSeconds, untilSeconds, index } = this.options;
    if (commit.time > untilSeconds) {
      // Newer than the window end: only its renames matter (they name files' current paths).
      for (const change of commit.changes) {
        this.changedAfterEnd.add(this.names.resolve(change.path));
        this.names.record(change.oldPath, change.path);
      }
      return;
    }
    if (commit.root) this.rootTime = Math.min(this.rootTime ?? commit.time, commit.time);
    const inWindow = commit.time >= sinceSeconds;
    const bot = this.rules.isBot(commit);
    const isFix = inWindow && !bot && this.rules.isFailureFix(commit.subject);
    if (inWindow) this.commitsInWindow++;

    // Per group: which identity paths of this commit it selects, and the lines they changed.
    const touched = new Map<number, { churn: number; files: Set<string> }>();
    for (const change of commit.changes) {
      const identity = this.names.resolve(change.path);
      // Commits stream newest first, but committer dates can run out of order: keep the max.
      const newest = this.lastChangeByPath.get(identity);
      if (newest === undefined || commit.time > newest)
        this.lastChangeByPath.set(identity, commit.time);
      const names = [change.path, identity];
      if (change.oldPath !== undefined) names.push(change.oldPath);
      const matched = new Set<number>();
      for (const name of names) for (const g of index.groupsOf(name, inWindow)) matched.add(g);
      for (const g of matched) {
        const entry = touched.get(g) ?? { churn: 0, files: new Set<string>() };
        entry.churn += change.churn ?? 0;
        entry.files.add(identity);
        touched.set(g, entry);
        if (inWindow) this.groups[g]!.matchedPaths.add(identity);
      }
      this.names.record(change.oldPath, change.path);
    }

    let itemsTouched = 0;
    for (const g of touched.keys()) itemsTouched += index.groups[g]!.items.length;
    for (const [g, { churn, files }] of touched) {
      this.groupUpdates++;
      const group = this.groups[g]!;
      group.lastChange = Math.max(group.lastChange ?? 0, commit.time);
      if (!inWindow) continue;
      group.commits++;
      group.churn += churn;
      if (!bot) group.authors.add(commit.email);
      for (const file of files) {
        const stats = group.files.get(file) ?? { commits: 0, fixCommits: 0 };
        stats.commits++;
        if (isFix) stats.fixCommits++;
        group.files.set(file, stats);
      }
      if (isFix) {
        group.fixCommits++;
        if (itemsTouched > 1) group.sharedFixCommits++;
        const month = isoMonth(commit.time * 1000);
        group.fixesByMonth.set(month, (group.fixesByMonth.get(month) ?? 0) + 1);
        if (group.fixes.length < MAX_FIXES_LISTED) {
          group.fixes.push({
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
      groups: this.groups,
      commitsInWindow: this.commitsInWindow,
      rootTime: this.rootTime,
      lastChangeByPath: this.lastChangeByPath,
      changedAfterEnd: this.changedAfterEnd,
    };
  }
}

/** The most-changed files: most commits, then most fixes, then path. */
export function hottestFiles(
  files: Map<string, { commits: number; fixCommits: number }>,
): HotFile[] {
  return [...files.entries()]
    .map(([path, s]) => ({ path, commits: s.commits, fixCommits: s.fixCommits }))
    .sort(
      (a, b) => b.commits - a.commits || b.fixCommits - a.fixCommits || compareText(a.path, b.path),
    )
    .slice(0, MAX_HOT_FILES);
}
