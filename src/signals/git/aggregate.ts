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
import { NO_CLASS, type ItemGlobIndex } from '../../util/item-globs.js';
import { CommitRules, RenameTracker, type CommitRuleOptions } from './commit-rules.js';
import type { LogCommit } from './log-stream.js';
import { maxOfKnown, minOfKnown } from '../../util/numbers.js';
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

/**
 * What one window's aggregation holds that a later pass can extend (see history-state.ts):
 * the result without what HEAD's files add (the later commit's files are its own), and the
 * span of the commits it saw.
 */
export interface HistoryState extends Omit<HistoryResult, 'groups'> {
  groups: Omit<GroupHistory, 'matchedPaths'>[];
  span: CommitSpan;
}

/** Committer times (epoch seconds) of the commits an aggregator saw; null: none. */
export interface CommitSpan {
  oldest: number | null;
  newest: number | null;
  /** The oldest of those inside the window. */
  oldestInWindow: number | null;
}

/**
 * A set of match classes (see ItemGlobIndex.classOf), and what the commits and changes that
 * touched exactly that set add to each of its groups. Commits touch the same few sets over
 * and over, so the history pass updates one signature per commit, whatever the number of
 * groups, and {@link HistoryAggregator.result} adds each signature to its groups once.
 *
 * A signature plays three parts, each counted apart: a commit's (the union over its
 * changes: commit-level figures), a change's (its path, current and old name: churn), and
 * a file's in one commit (the union over the commit's changes to that file: file counts).
 */
interface Signature {
  /** Distinct match classes, ascending. */
  classes: readonly number[];
  /** As a commit's signature: the newest committer time, any age the pass reached. */
  lastChange: number | null;
  /** As a commit's signature, in the window only: */
  commits: number;
  fixCommits: number;
  /** Authors (bots aside), by {@link HistoryAggregator} author number. */
  authors: Set<number>;
  fixesByMonth: Map<string, number>;
  /** The first fixes in stream order (`seq`): no group lists more than that many. */
  fixes: { seq: number; fix: FixCommit }[];
  /** As a change's signature, in the window: lines changed. */
  churn: number;
  /** As a file's signature in a commit, in the window: per file, its counts. */
  files: FileCounts[];
}

/** A node of the signatures' trie: the set of the class numbers on the way to it. */
interface SignatureNode {
  signature: Signature | null;
  next: Map<number, SignatureNode> | null;
}

interface FileCounts {
  path: string;
  commits: number;
  fixCommits: number;
}

/** One identity path (a file's current name) the pass saw changed up to the window end. */
interface PathRecord {
  path: string;
  lastChange: number;
  /** The commit (its sequence number) that last touched it, and its signature there. */
  seq: number;
  signature: Signature | null;
  /** Its counts per signature: most files keep one signature all along. */
  counts: FileCounts | null;
  countsSignature: Signature | null;
  otherCounts: Map<Signature, FileCounts> | null;
  /** Its match class (see classOfRecord), once asked; and whether asked as a window's change. */
  matchClass: number | undefined;
  classCounted: boolean;
}

export class HistoryAggregator {
  /**
   * How many (signature, group) updates were made: each distinct set of match classes the
   * history touched is added to each of its groups once, however many commits touched it
   * (tests hold the work to that bound, however many items and commits).
   */
  groupUpdates = 0;
  private readonly rules: CommitRules;
  private readonly names = new RenameTracker();
  private readonly paths = new Map<string, PathRecord>();
  private readonly changedAfterEnd = new Set<string>();
  /** Author emails numbered in the order first seen: a group's authors are a bit set. */
  private readonly authorIds = new Map<string, number>();
  private readonly authors: string[] = [];
  private readonly groupFiles: (readonly (readonly string[])[])[] = [];
  private commitsInWindow = 0;
  private rootTime: number | null = null;
  /** Signatures in the order first seen, and found by their classes in a trie. */
  private readonly signatures: Signature[] = [];
  private readonly trie: (SignatureNode | undefined)[] = [];
  /** Commits added so far: the sequence number of the current one. */
  private seq = 0;
  /** Per match class, the last commit that touched it (dedupes a commit's classes). */
  private readonly classSeq: number[] = [];
  /** Scratch of the current commit: its classes and the files it touched in the window. */
  private readonly commitClasses: number[] = [];
  private readonly touchedFiles: PathRecord[] = [];
  private expanded: HistoryResult | null = null;
  private readonly span: CommitSpan = { oldest: null, newest: null, oldestInWindow: null };
  /** What an earlier pass kept of the commits below these (see {@link seed}). */
  private prior: HistoryState | null = null;

  constructor(private readonly options: AggregateOptions) {
    this.rules = new CommitRules(options);
  }

  /**
   * The files tracked at HEAD each group's globs select: they count as matched files even when
   * the window never touched them.
   */
  addGroupFiles(groupFiles: readonly (readonly string[])[]): void {
    this.groupFiles.push(groupFiles);
    this.expanded = null;
  }

  /**
   * Takes what an earlier pass kept of the commits that come after every commit added here
   * (their aggregation with this window; see history-state.ts for when that is exact): the
   * result is then that of all of them, these first.
   */
  seed(prior: HistoryState): void {
    if (prior.groups.length !== this.options.index.groups.length)
      throw new Error('HistoryAggregator.seed: a state of other groups');
    this.prior = prior;
    this.expanded = null;
  }

  /** What a later pass needs to extend this one (see {@link seed}), the seed's included. */
  state(): HistoryState {
    const { groups, ...rest } = this.result();
    const span = this.prior === null ? this.span : mergeSpans(this.span, this.prior.span);
    return { ...rest, groups: groups.map(({ matchedPaths: _, ...group }) => group), span };
  }

  add(commit: LogCommit): void {
    const { sinceSeconds, untilSeconds, index } = this.options;
    this.expanded = null;
    const span = this.span;
    span.oldest = Math.min(span.oldest ?? commit.time, commit.time);
    span.newest = Math.max(span.newest ?? commit.time, commit.time);
    if (commit.time >= sinceSeconds && commit.time <= untilSeconds)
      span.oldestInWindow = Math.min(span.oldestInWindow ?? commit.time, commit.time);
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

    const seq = ++this.seq;
    const classes = this.commitClasses;
    const touched = this.touchedFiles;
    classes.length = 0;
    touched.length = 0;
    for (const { path, oldPath, churn } of commit.changes) {
      const identity = this.names.resolve(path);
      const record = this.pathRecord(identity, commit.time);
      // A change belongs to the groups that select its path, its current name or its old name.
      const signature = this.changeSignature(
        identity === path ? this.classOfRecord(record, inWindow) : index.classOf(path, inWindow),
        identity === path ? NO_CLASS : this.classOfRecord(record, inWindow),
        oldPath === undefined ? NO_CLASS : index.classOf(oldPath, inWindow),
      );
      this.names.record(oldPath, path);
      if (signature === null) continue;
      for (const c of signature.classes) {
        if (this.classSeq[c] === seq) continue;
        this.classSeq[c] = seq;
        classes.push(c);
      }
      if (!inWindow) continue;
      signature.churn += churn ?? 0;
      if (record.seq !== seq) {
        record.seq = seq;
        record.signature = signature;
        touched.push(record);
      } else if (record.signature !== signature) {
        // The same file twice in one commit (say, under its old and its new name): it counts
        // once for every group either change touched.
        record.signature = this.signatureOf([...record.signature!.classes, ...signature.classes]);
      }
    }
    if (classes.length === 0) return;

    const signature = this.signatureOf(classes);
    signature.lastChange = Math.max(signature.lastChange ?? commit.time, commit.time);
    if (!inWindow) return;
    signature.commits++;
    if (!bot) signature.authors.add(this.authorId(commit.email));
    for (const record of touched) {
      const counts = this.countsOf(record, record.signature!);
      counts.commits++;
      if (isFix) counts.fixCommits++;
    }
    if (isFix) {
      signature.fixCommits++;
      const month = isoMonth(commit.time * 1000);
      signature.fixesByMonth.set(month, (signature.fixesByMonth.get(month) ?? 0) + 1);
      if (signature.fixes.length < MAX_FIXES_LISTED) {
        const fix = {
          commit: commit.hash.slice(0, 10),
          date: isoDay(commit.time * 1000),
          subject: commit.subject,
        };
        signature.fixes.push({ seq, fix });
      }
    }
  }

  result(): HistoryResult {
    this.expanded ??= this.prior === null ? this.expand() : mergeResults(this.expand(), this.prior);
    return this.expanded;
  }

  /**
   * Adds every signature to each of its groups: the per-group figures. The sums run on
   * typed arrays and the authors on a bit set per group (a signature's authors are added to
   * hundreds of groups): only what a group ends up with becomes objects.
   */
  private expand(): HistoryResult {
    const { index } = this.options;
    const count = index.groups.length;
    const commits = new Float64Array(count);
    const fixCommits = new Float64Array(count);
    const sharedFixCommits = new Float64Array(count);
    const churn = new Float64Array(count);
    const lastChange = new Float64Array(count).fill(Number.NaN);
    const words = (this.authors.length + 31) >>> 5;
    const authorBits = new Int32Array(count * words);
    const fixesByMonth = index.groups.map(() => new Map<string, number>());
    const fixLists: { seq: number; fix: FixCommit }[][][] = index.groups.map(() => []);
    const files = index.groups.map(
      () => new Map<string, { commits: number; fixCommits: number }>(),
    );
    const matchedPaths = index.groups.map(() => new Set<string>());
    for (const groupFiles of this.groupFiles) {
      groupFiles.forEach((paths, g) => {
        for (const path of paths) matchedPaths[g]!.add(path);
      });
    }
    const union = new GroupUnion(index);
    this.groupUpdates = 0;
    for (const signature of this.signatures) {
      const members = union.of(signature.classes);
      let items = 0;
      for (const g of members) items += index.groups[g]!.items.length;
      // A fix that touches more than one ranked item is shared (the group may hold several).
      const shared = items > 1 ? signature.fixCommits : 0;
      const authors = [...signature.authors];
      const months = [...signature.fixesByMonth];
      const { fixes, files: changedFiles } = signature;
      this.groupUpdates += members.length;
      for (const g of members) {
        commits[g] = commits[g]! + signature.commits;
        fixCommits[g] = fixCommits[g]! + signature.fixCommits;
        sharedFixCommits[g] = sharedFixCommits[g]! + shared;
        churn[g] = churn[g]! + signature.churn;
        if (signature.lastChange !== null) {
          // As a per-commit `max(lastChange ?? 0, time)` gives: never below 0.
          const last = lastChange[g]!;
          lastChange[g] = Math.max(Number.isNaN(last) ? 0 : last, signature.lastChange);
        }
        const row = g * words;
        for (const a of authors) {
          const word = row + (a >>> 5);
          authorBits[word] = authorBits[word]! | (1 << (a & 31));
        }
        for (const [month, n] of months)
          fixesByMonth[g]!.set(month, (fixesByMonth[g]!.get(month) ?? 0) + n);
        if (fixes.length > 0) fixLists[g]!.push(fixes);
        for (const file of changedFiles) {
          matchedPaths[g]!.add(file.path);
          const stats = files[g]!.get(file.path);
          if (stats === undefined)
            files[g]!.set(file.path, { commits: file.commits, fixCommits: file.fixCommits });
          else {
            stats.commits += file.commits;
            stats.fixCommits += file.fixCommits;
          }
        }
      }
    }
    const groups = index.groups.map((_, g): GroupHistory => {
      // Each list is in stream order; the group keeps the first of them all, in that order.
      const lists = fixLists[g]!;
      const fixes = lists.length === 1 ? lists[0]! : lists.flat().sort((a, b) => a.seq - b.seq);
      const authors = new Set<string>();
      for (let w = 0; w < words; w++) {
        for (let bits = authorBits[g * words + w]!; bits !== 0; bits &= bits - 1)
          authors.add(this.authors[(w << 5) + (31 - Math.clz32(bits & -bits))]!);
      }
      const last = lastChange[g]!;
      return {
        commits: commits[g]!,
        fixCommits: fixCommits[g]!,
        sharedFixCommits: sharedFixCommits[g]!,
        authors,
        churn: churn[g]!,
        lastChange: Number.isNaN(last) ? null : last,
        fixesByMonth: fixesByMonth[g]!,
        fixes: fixes.slice(0, MAX_FIXES_LISTED).map(({ fix }) => fix),
        files: files[g]!,
        matchedPaths: matchedPaths[g]!,
      };
    });
    const lastChangeByPath = new Map<string, number>();
    for (const [path, record] of this.paths) lastChangeByPath.set(path, record.lastChange);
    return {
      groups,
      commitsInWindow: this.commitsInWindow,
      rootTime: this.rootTime,
      lastChangeByPath,
      changedAfterEnd: this.changedAfterEnd,
    };
  }

  private authorId(email: string): number {
    let id = this.authorIds.get(email);
    if (id === undefined) {
      id = this.authors.length;
      this.authors.push(email);
      this.authorIds.set(email, id);
    }
    return id;
  }

  /**
   * The match class of the record's path, asked of the index once per record (the index
   * marks a glob as hit by a change in the window the first time it is asked with `counted`,
   * so a record whose class was asked without it asks again when a change in the window
   * comes: committer dates can run out of order).
   */
  private classOfRecord(record: PathRecord, counted: boolean): number {
    if (record.matchClass === undefined || (counted && !record.classCounted)) {
      record.matchClass = this.options.index.classOf(record.path, counted);
      record.classCounted = counted;
    }
    return record.matchClass;
  }

  private pathRecord(path: string, time: number): PathRecord {
    let record = this.paths.get(path);
    if (record === undefined) {
      record = {
        path,
        lastChange: time,
        seq: 0,
        signature: null,
        counts: null,
        countsSignature: null,
        otherCounts: null,
        matchClass: undefined,
        classCounted: false,
      };
      this.paths.set(path, record);
    } else if (time > record.lastChange) {
      // Commits stream newest first, but committer dates can run out of order: keep the max.
      record.lastChange = time;
    }
    return record;
  }

  /** The signature of one change's (up to three) classes, or null when none is a group's. */
  private changeSignature(a: number, b: number, c: number): Signature | null {
    if (b === a) b = NO_CLASS;
    if (c === a || c === b) c = NO_CLASS;
    if (b === NO_CLASS && c === NO_CLASS) return a === NO_CLASS ? null : this.single(a);
    const classes: number[] = [];
    for (const x of [a, b, c]) if (x !== NO_CLASS) classes.push(x);
    return this.signatureOf(classes);
  }

  /**
   * The signature of a set of classes (sorted here, in place; duplicates are ignored): a walk
   * down the trie of class numbers, which builds no key.
   */
  private signatureOf(classes: number[]): Signature {
    if (classes.length > 1) classes.sort((x, y) => x - y);
    let node = this.node(classes[0]!);
    for (let i = 1; i < classes.length; i++) {
      const c = classes[i]!;
      if (c === classes[i - 1]) continue;
      node.next ??= new Map();
      let next = node.next.get(c);
      if (next === undefined) {
        next = { signature: null, next: null };
        node.next.set(c, next);
      }
      node = next;
    }
    return (node.signature ??= this.newSignature([...new Set(classes)]));
  }

  private single(matchClass: number): Signature {
    const node = this.node(matchClass);
    return (node.signature ??= this.newSignature([matchClass]));
  }

  private node(matchClass: number): SignatureNode {
    return (this.trie[matchClass] ??= { signature: null, next: null });
  }

  private newSignature(classes: readonly number[]): Signature {
    const signature: Signature = {
      classes,
      lastChange: null,
      commits: 0,
      fixCommits: 0,
      authors: new Set(),
      fixesByMonth: new Map(),
      fixes: [],
      churn: 0,
      files: [],
    };
    this.signatures.push(signature);
    return signature;
  }

  private countsOf(record: PathRecord, signature: Signature): FileCounts {
    if (record.countsSignature === signature) return record.counts!;
    if (record.countsSignature === null) {
      record.countsSignature = signature;
      record.counts = this.newCounts(record.path, signature);
      return record.counts;
    }
    record.otherCounts ??= new Map();
    let counts = record.otherCounts.get(signature);
    if (counts === undefined) {
      counts = this.newCounts(record.path, signature);
      record.otherCounts.set(signature, counts);
    }
    return counts;
  }

  private newCounts(path: string, signature: Signature): FileCounts {
    const counts = { path, commits: 0, fixCommits: 0 };
    signature.files.push(counts);
    return counts;
  }
}

/**
 * The result of newer commits' aggregation followed by older ones' state: what one
 * aggregation of them all, newer first, gives. Sums add, sets and maps join, newest times
 * win; the fixes listed are the newer ones first (stream order), and maps keep the order a
 * single pass would have met their keys in (the newer commits', then the older ones' own).
 */
function mergeResults(newer: HistoryResult, older: HistoryState): HistoryResult {
  const lastChangeByPath = new Map(newer.lastChangeByPath);
  for (const [path, time] of older.lastChangeByPath)
    lastChangeByPath.set(path, Math.max(lastChangeByPath.get(path) ?? time, time));
  return {
    groups: newer.groups.map((group, g) => mergeGroups(group, older.groups[g]!)),
    commitsInWindow: newer.commitsInWindow + older.commitsInWindow,
    rootTime: minOfKnown(newer.rootTime, older.rootTime),
    lastChangeByPath,
    changedAfterEnd: new Set([...newer.changedAfterEnd, ...older.changedAfterEnd]),
  };
}

function mergeGroups(newer: GroupHistory, older: HistoryState['groups'][number]): GroupHistory {
  const fixesByMonth = new Map(newer.fixesByMonth);
  for (const [month, n] of older.fixesByMonth)
    fixesByMonth.set(month, (fixesByMonth.get(month) ?? 0) + n);
  const files = new Map<string, { commits: number; fixCommits: number }>();
  for (const [path, counts] of newer.files) files.set(path, { ...counts });
  for (const [path, { commits, fixCommits }] of older.files) {
    const counts = files.get(path);
    if (counts === undefined) files.set(path, { commits, fixCommits });
    else {
      counts.commits += commits;
      counts.fixCommits += fixCommits;
    }
  }
  const matchedPaths = new Set(newer.matchedPaths);
  for (const path of older.files.keys()) matchedPaths.add(path);
  return {
    commits: newer.commits + older.commits,
    fixCommits: newer.fixCommits + older.fixCommits,
    sharedFixCommits: newer.sharedFixCommits + older.sharedFixCommits,
    authors: new Set([...newer.authors, ...older.authors]),
    churn: newer.churn + older.churn,
    lastChange: maxOfKnown(newer.lastChange, older.lastChange),
    fixesByMonth,
    fixes: [...newer.fixes, ...older.fixes].slice(0, MAX_FIXES_LISTED),
    files,
    matchedPaths,
  };
}

function mergeSpans(a: CommitSpan, b: CommitSpan): CommitSpan {
  return {
    oldest: minOfKnown(a.oldest, b.oldest),
    newest: maxOfKnown(a.newest, b.newest),
    oldestInWindow: minOfKnown(a.oldestInWindow, b.oldestInWindow),
  };
}

/** The groups of a set of match classes, each once. */
class GroupUnion {
  private readonly seen: Int32Array;
  private stamp = 0;

  constructor(private readonly index: ItemGlobIndex) {
    this.seen = new Int32Array(index.groups.length);
  }

  of(classes: readonly number[]): readonly number[] {
    if (classes.length === 1) return this.index.groupsOfClass(classes[0]!);
    const stamp = ++this.stamp;
    const groups: number[] = [];
    for (const c of classes) {
      for (const g of this.index.groupsOfClass(c)) {
        if (this.seen[g] === stamp) continue;
        this.seen[g] = stamp;
        groups.push(g);
      }
    }
    return groups;
  }
}

/** The most-changed files: most commits, then most fixes, then path. */
export function hottestFiles(
  files: Map<string, { commits: number; fixCommits: number }>,
): HotFile[] {
  // A top-k selection, not a sort: a group with a wide glob holds thousands of files.
  const top: HotFile[] = [];
  for (const [path, { commits, fixCommits }] of files) {
    const file = { path, commits, fixCommits };
    if (top.length === MAX_HOT_FILES) {
      if (!hotter(file, top[MAX_HOT_FILES - 1]!)) continue;
      top.pop();
    }
    let at = top.length;
    while (at > 0 && hotter(file, top[at - 1]!)) at--;
    top.splice(at, 0, file);
  }
  return top;
}

function hotter(a: HotFile, b: HotFile): boolean {
  return (b.commits - a.commits || b.fixCommits - a.fixCommits || compareText(a.path, b.path)) < 0;
}
