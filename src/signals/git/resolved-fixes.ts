/**
 * Fix commits to the paths of resolved items, counted from the commits the history pass
 * streams (pure: tests can feed commits by hand). A resolved item is not ranked, so the
 * group aggregator never sees its globs; this one counts for them without scoring anything.
 *
 * The rules are the audit's (commit-rules.ts): a failure fix is a commit in the window whose
 * subject matches the fix pattern and not the exclusion, by an author who is not a bot;
 * renames are followed newest-first, so a fix to a file's old name counts for its new one.
 * A fix counts when it was committed after the resolved day (UTC), and inside the window:
 * the figures of a report never rest on commits outside its window.
 */
import type { FixCommit } from '../../model/index.js';
import { dayEnd, isoDay } from '../../util/dates.js';
import { ItemGlobIndex } from '../../util/item-globs.js';
import { CommitRules, RenameTracker, type CommitRuleOptions } from './commit-rules.js';
import type { LogCommit } from './log-stream.js';

/** A resolved item as this aggregator needs it. */
export interface ResolvedItem {
  id: string;
  /** Its globs as written (`!` globs exclude). */
  paths: readonly string[];
  /** The day it was resolved, `YYYY-MM-DD`. */
  resolved: string;
}

export interface ResolvedFixOptions extends CommitRuleOptions {
  items: readonly ResolvedItem[];
  /** Window bounds, epoch seconds, inclusive. */
  sinceSeconds: number;
  untilSeconds: number;
}

/** The fix commits after one resolved item's day. */
export interface ResolvedFixes {
  id: string;
  resolved: string;
  /** Fix commits counted (after the resolved day, inside the window). */
  count: number;
  /** The oldest and the newest of them; null when there is none. */
  first: FixCommit | null;
  last: FixCommit | null;
}

/** What a later pass needs to extend this one's (see history-state.ts): per item, its fixes. */
export type ResolvedFixState = {
  count: number;
  first: FixCommit | null;
  last: FixCommit | null;
  firstTime: number;
  lastTime: number;
}[];

export class ResolvedFixAggregator {
  private readonly index: ItemGlobIndex;
  private readonly rules: CommitRules;
  private readonly names = new RenameTracker();
  /** Per item, the end of its resolved day (epoch seconds): fixes after it count. */
  private readonly after: number[];
  private readonly found: ResolvedFixState;
  /** What an earlier pass kept of the commits below these (see {@link seed}). */
  private prior: ResolvedFixState | null = null;

  constructor(private readonly options: ResolvedFixOptions) {
    this.index = new ItemGlobIndex(options.items.map((item) => item.paths));
    this.rules = new CommitRules(options);
    this.after = options.items.map((item) => Math.floor(dayEnd(item.resolved) / 1000));
    this.found = options.items.map(() => ({
      count: 0,
      first: null,
      last: null,
      firstTime: 0,
      lastTime: 0,
    }));
  }

  add(commit: LogCommit): void {
    const { sinceSeconds, untilSeconds, items: resolved } = this.options;
    // Without resolved items there is nothing to count, nor names to follow.
    if (resolved.length === 0) return;
    const counts =
      commit.time >= sinceSeconds &&
      commit.time <= untilSeconds &&
      !this.rules.isBot(commit) &&
      this.rules.isFailureFix(commit.subject);
    if (!counts) {
      // Not a fix that counts: only its renames matter (they name older commits' files).
      for (const change of commit.changes) this.names.record(change.oldPath, change.path);
      return;
    }
    const items = new Set<number>();
    for (const { path, oldPath } of commit.changes) {
      this.addItems(items, path);
      this.addItems(items, this.names.resolve(path));
      if (oldPath !== undefined) this.addItems(items, oldPath);
      this.names.record(oldPath, path);
    }
    if (items.size === 0) return;
    const fix: FixCommit = {
      commit: commit.hash.slice(0, 10),
      date: isoDay(commit.time * 1000),
      subject: commit.subject,
    };
    for (const i of items) {
      if (commit.time <= this.after[i]!) continue;
      const found = this.found[i]!;
      found.count++;
      // Commits stream newest first, but committer dates can run out of order: compare times.
      if (found.last === null || commit.time > found.lastTime) {
        found.last = fix;
        found.lastTime = commit.time;
      }
      if (found.first === null || commit.time <= found.firstTime) {
        found.first = fix;
        found.firstTime = commit.time;
      }
    }
  }

  /** Adds the resolved items whose globs select `name`. */
  private addItems(items: Set<number>, name: string): void {
    for (const g of this.index.groupsOf(name, false)) {
      for (const i of this.index.groups[g]!.items) items.add(i);
    }
  }

  /**
   * Takes what an earlier pass kept of the commits that come after every commit added here
   * (see history-state.ts for when that is exact): the result is then that of them all.
   */
  seed(prior: ResolvedFixState): void {
    if (prior.length !== this.found.length)
      throw new Error('ResolvedFixAggregator.seed: a state of other items');
    this.prior = prior;
  }

  /**
   * What a later pass needs to extend this one (see {@link seed}), the seed's included. The
   * older commits stream after the newer: on equal times, the newer keep `last` and the
   * older take `first`, as in one pass.
   */
  state(): ResolvedFixState {
    const prior = this.prior;
    if (prior === null) return this.found.map((found) => ({ ...found }));
    return this.found.map((newer, i) => {
      const older = prior[i]!;
      const last =
        newer.last === null || (older.last !== null && older.lastTime > newer.lastTime)
          ? older
          : newer;
      const first =
        older.first !== null && (newer.first === null || older.firstTime <= newer.firstTime)
          ? older
          : newer;
      return {
        count: newer.count + older.count,
        first: first.first,
        firstTime: first.firstTime,
        last: last.last,
        lastTime: last.lastTime,
      };
    });
  }

  /** Per resolved item, in the order given. */
  result(): ResolvedFixes[] {
    const found = this.state();
    return this.options.items.map((item, i) => {
      const { count, first, last } = found[i]!;
      return { id: item.id, resolved: item.resolved, count, first, last };
    });
  }
}
