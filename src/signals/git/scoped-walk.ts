/**
 * A history pass that reads line churn only where the audit needs it (see churn-scope.ts),
 * and still hands on every listed commit, in list order, exactly as a full `--numstat` pass
 * would for every change an item can count.
 *
 * Two gits walk the same commits at once: one `--name-status` for every path (names,
 * renames, who and when: cheap), one `--numstat` limited by the scope's pathspecs (the
 * expensive line counts, only where they are used). Each commit's line counts are joined to
 * its names by path and old path.
 *
 * Exact, or re-diffed whole; never guessed. Git finds renames after applying the pathspecs,
 * so a rename across the scope's edge (`old/x.py` outside → `src/x.py` inside) shows in the
 * limited walk as an addition, not a rename. Every commit is therefore checked: the limited
 * walk must list exactly the changes of the full names that the pathspecs select, same path
 * and same old path; and every change an item could count, including changes to a name that
 * a later commit renames into the scope, must have its count. A commit that fails either
 * check is diffed again in full, and the commits after it wait, so the consumer still sees
 * the list's order. Cached commits pass the same check: a commit cached by an audit of other
 * items may lack counts this run needs.
 */
import type { ChurnGuard, ChurnScope } from './churn-scope.js';
import type { DiffOptions, LogCommit } from './log-stream.js';
// shards.ts calls this module for scoped passes; the functions are only used at call time.
import { planShards, shardCount, walkInShards } from './shards.js';

export interface ScopedWalkInput {
  /** The listed commits to walk, in list order. */
  toWalk: readonly string[];
  /** The numstat walk's shard sizes (summing to toWalk's length). */
  sizes: readonly number[];
  /** null: every path's churn is read (and a cached commit without it is re-diffed). */
  scope: ChurnScope | null;
  /** Checks each commit's churn; null without line churn (there is nothing to check). */
  guard: ChurnGuard | null;
  cores: number;
  forced: number | null;
  /** Commits are handed on only once this resolves (see ShardedPassOptions.ready). */
  ready?: Promise<unknown>;
}

/** Puts walked commits in list order, cached ones between them (the cache's merger). */
export interface ListOrder {
  push(commit: LogCommit): void;
  end(): void;
}

export interface ScopedWalkHooks {
  /**
   * The list order for `emit`, or null when the walked commits are the whole list (no cache):
   * they come in list order already.
   */
  order: (emit: (commit: LogCommit) => void) => ListOrder | null;
  /** Sees each commit as walked, for the cache. */
  walked: (commit: LogCommit) => void;
  /** Sees each commit diffed again in full: it replaces what the cache had. */
  rediffed: (commit: LogCommit) => void;
}

export interface ScopedWalkResult {
  /** Commits diffed a second time, whole (their churn did not match, or was not all there). */
  rediffed: number;
}

/**
 * Walks `toWalk` and hands every listed commit to `onCommit` in list order, cached ones
 * between the walked ones; with line churn, each with churn for every change an item could
 * count.
 */
export async function walkScoped(
  input: ScopedWalkInput,
  options: DiffOptions,
  hooks: ScopedWalkHooks,
  onCommit: (commit: LogCommit) => void,
): Promise<ScopedWalkResult> {
  const gate = new ChurnGate(input.guard, onCommit);
  const order = hooks.order((commit) => gate.accept(commit));
  const hand = (commit: LogCommit, matched: boolean) => {
    hooks.walked(commit);
    if (!matched) gate.refuse(commit);
    if (order === null) gate.accept(commit);
    else order.push(commit);
  };
  const numstat = { ...options, lineChurn: true };
  // Every commit handed on, cached ones too, comes after a gated walk's first.
  const { ready } = input;
  if (input.scope === null) {
    await walkInShards(input.toWalk, input.sizes, options, (commit) => hand(commit, true), {
      ready,
    });
  } else {
    const scope = input.scope;
    const zip = new NameChurnZip(input.toWalk, scope, hand);
    const names = { ...options, lineChurn: false };
    const whole = input.toWalk.length === 0 ? [] : [input.toWalk.length];
    await Promise.all([
      // One git, streaming straight on unless the consumer is not ready (see walkInShards).
      walkInShards(input.toWalk, whole, names, (c) => zip.names(c), { ready }),
      walkInShards(
        input.toWalk,
        input.sizes,
        { ...numstat, pathspecs: scope.pathspecs },
        (c) => zip.churn(c),
        { ready },
      ).then(() => zip.churnEnded()),
    ]);
    zip.end();
  }
  order?.end();
  const redo = gate.toRediff();
  const whole = new Map<string, LogCommit>();
  if (redo.length > 0) {
    const sizes = planShards(redo.length, shardCount(redo.length, input));
    await walkInShards(redo, sizes, numstat, (commit) => {
      hooks.rediffed(commit);
      whole.set(commit.hash, commit);
    });
  }
  gate.finish(whole);
  return { rediffed: redo.length };
}

/**
 * Joins the names walk and the limited numstat walk commit by commit. Both print the listed
 * commits in list order, but the limited walk leaves out a commit that changes nothing
 * within its pathspecs: once it has printed a later commit (or ended), an earlier one it did
 * not print had no change there.
 */
class NameChurnZip {
  private readonly position = new Map<string, number>();
  private readonly named = new Map<number, LogCommit>();
  private readonly counted = new Map<number, LogCommit>();
  private churnReached = -1;
  private churnDone = false;
  private next = 0;

  constructor(
    private readonly toWalk: readonly string[],
    private readonly scope: ChurnScope,
    private readonly emit: (commit: LogCommit, matched: boolean) => void,
  ) {
    toWalk.forEach((hash, i) => this.position.set(hash, i));
  }

  names(commit: LogCommit): void {
    this.named.set(this.positionOf(commit), commit);
    this.drain();
  }

  churn(commit: LogCommit): void {
    const at = this.positionOf(commit);
    this.counted.set(at, commit);
    this.churnReached = at;
    this.drain();
  }

  churnEnded(): void {
    this.churnDone = true;
    this.drain();
  }

  /** Both walks are over: every commit must have been joined (else a walk lost one: a bug). */
  end(): void {
    this.churnDone = true;
    this.drain();
    if (this.next < this.toWalk.length)
      throw new Error(`commit ${this.toWalk[this.next]!.slice(0, 10)} was listed but not walked`);
  }

  private positionOf(commit: LogCommit): number {
    const at = this.position.get(commit.hash);
    if (at === undefined)
      throw new Error(`walked commit ${commit.hash.slice(0, 10)} is not in the commit list`);
    return at;
  }

  private drain(): void {
    while (this.next < this.toWalk.length) {
      const named = this.named.get(this.next);
      if (named === undefined || (!this.churnDone && this.churnReached < this.next)) return;
      const counted = this.counted.get(this.next);
      this.named.delete(this.next);
      this.counted.delete(this.next);
      this.next++;
      this.emit(named, joinChurn(named, counted, this.scope));
    }
  }
}

/**
 * Sets each change's churn from the limited walk's line for the same path and old path
 * (null outside the scope). Returns whether the limited walk listed exactly the changes the
 * pathspecs select from the full names: false when a rename across the scope's edge, or
 * anything else, made git pair files differently.
 */
export function joinChurn(
  named: LogCommit,
  counted: LogCommit | undefined,
  scope: ChurnScope,
): boolean {
  const lines = new Map<string, number | null>();
  for (const change of counted?.changes ?? []) {
    lines.set(`${change.path}\0${change.oldPath ?? ''}`, change.churn);
  }
  let joined = 0;
  let matched = true;
  for (const change of named.changes) {
    const selected =
      scope.includes(change.path) ||
      (change.oldPath !== undefined && scope.includes(change.oldPath));
    if (!selected) continue;
    const churn = lines.get(`${change.path}\0${change.oldPath ?? ''}`);
    if (churn === undefined) {
      matched = false;
      continue;
    }
    change.churn = churn;
    joined++;
  }
  return matched && joined === lines.size;
}

/**
 * Checks each commit as it is handed on in list order. From the first commit that must be
 * re-diffed on, the rest wait (still checked, so every commit to re-diff is known when the
 * walks end) until {@link finish}.
 */
class ChurnGate {
  private readonly refused = new WeakSet<LogCommit>();
  private readonly redo: string[] = [];
  /** After the first commit to re-diff: commits, or the hash of one to re-diff, in order. */
  private readonly held: (LogCommit | string)[] = [];

  constructor(
    private readonly guard: ChurnGuard | null,
    private readonly emit: (commit: LogCommit) => void,
  ) {}

  /** A walked commit whose limited line counts did not match its names. */
  refuse(commit: LogCommit): void {
    this.refused.add(commit);
  }

  /** The next commit in list order. */
  accept(commit: LogCommit): void {
    // The guard sees every commit in order: its renames judge the older ones.
    const complete = (this.guard?.complete(commit) ?? true) && !this.refused.has(commit);
    if (!complete) this.redo.push(commit.hash);
    if (this.redo.length === 0) this.emit(commit);
    else this.held.push(complete ? commit : commit.hash);
  }

  /** The commits to diff again, whole, in list order. */
  toRediff(): string[] {
    return this.redo;
  }

  /** Hands on the commits held back, re-diffed ones from `whole`. */
  finish(whole: ReadonlyMap<string, LogCommit>): void {
    for (const entry of this.held) {
      if (typeof entry !== 'string') {
        this.emit(entry);
        continue;
      }
      const commit = whole.get(entry);
      if (commit === undefined)
        throw new Error(`commit ${entry.slice(0, 10)} was to be re-diffed but was not walked`);
      this.emit(commit);
    }
  }
}
