/**
 * The history pass in parallel shards: the commit list is cut into contiguous runs, one git
 * per run diffs its commits (the expensive part: numstat reads every changed blob), and the
 * commits are handed on in list order, so whoever reads them cannot tell a sharded pass
 * from a single one.
 *
 * Exact by construction: the list is the single pass's commits in the single pass's order
 * (see commit-list.ts), each shard prints its commits in the order given and diffs each
 * against its parent with the same options, and the shards are read back in list order. The
 * consumer therefore sees the very same sequence of commits, newest first; rename following,
 * which depends on seeing a newer commit's rename before an older commit's change to the old
 * name, is as exact as in the single pass, across shard boundaries too. No per-shard facts
 * are merged: there is nothing to reconcile.
 *
 * Only the first unfinished shard is parsed as it streams; later shards' output is kept as
 * the raw bytes git wrote (a few bytes a changed path, never parsed objects, which would
 * cost ten times the memory) and parsed in turn once every shard before it is done. Its
 * chunks (a stdio buffer's worth: git runs with GIT_FLUSH=0, see spawnGit) are copied into
 * blocks as they come, or each would cost as much again in the objects around it. Past a
 * bound on what is kept, a waiting shard is paused: git blocks on its full pipe, so memory
 * stays bounded whatever the history's size, at the price of parallelism.
 */
import { availableParallelism } from 'node:os';
import { forcedShards } from './pass-knobs.js';
import { HistoryCache, ListOrderMerger, planFromCache } from './cache/index.js';
import { ChurnGuard, type ChurnScope } from './churn-scope.js';
import { listPassCommits } from './commit-list.js';
import {
  CommitStream,
  hashList,
  spawnGit,
  walkArgs,
  walkCommits,
  type DiffOptions,
  type GitProcess,
  type LogCommit,
  type LogOptions,
} from './log-stream.js';
import { walkScoped } from './scoped-walk.js';

/**
 * Fewer commits than this per shard are not worth a process: each git pays its start and
 * object-lookup setup again, and below ~2,000 commits the whole pass takes well under a
 * second. Above it, a shard of 1,000 commits is hundreds of milliseconds of diffing.
 */
export const MIN_COMMITS_PER_SHARD = 1_000;
/**
 * At most this many shards, whatever the cores: the parse of every shard runs on this one
 * thread, which a fifth git would only compete with.
 */
export const MAX_SHARDS = 4;
/** Raw output kept for shards waiting their turn, in all, before they are paused. */
export const MAX_WAITING_BYTES = 64 * 1024 * 1024;
/** A waiting shard's output is kept in blocks of this size. */
const WAITING_BLOCK_BYTES = 256 * 1024;
/** A backlog is parsed this much per turn of the event loop (see walkInShards). */
const CATCH_UP_BYTES = 256 * 1024;
/** And parsed in slices of this size (see {@link WaitingOutput.drainSome} for why small). */
const WAITING_SLICE_BYTES = 1024;
/**
 * How many shards `commits` commits are walked in: the forced count when there is one;
 * otherwise one per core, at most {@link MAX_SHARDS}, each of at least
 * {@link MIN_COMMITS_PER_SHARD} commits (so one shard on one core or a short history).
 *
 * Not more shards than cores, handed out as gits finish, though equal runs of commits are
 * not equal work (the generated 50k history's older half costs git a third more than its
 * newer half, so one core idles at the end): every git rebuilds the delta chains of the
 * files it diffs from nothing, and on that history each extra git cost about 0.4 s of CPU.
 * Eight shards two at a time took 2.8 s more CPU than two shards, and longer.
 */
export function shardCount(
  commits: number,
  options: { cores: number; forced: number | null },
): number {
  if (options.forced !== null) return options.forced;
  const bySize = Math.floor(commits / MIN_COMMITS_PER_SHARD);
  return Math.max(1, Math.min(options.cores, MAX_SHARDS, bySize));
}

/**
 * The sizes of `shards` contiguous runs of `commits` commits, as equal as can be (the first
 * ones one larger); never an empty run, and none at all for no commits.
 */
export function planShards(commits: number, shards: number): number[] {
  if (commits <= 0) return [];
  const count = Math.max(1, Math.min(shards, commits));
  const base = Math.floor(commits / count);
  const larger = commits % count;
  return Array.from({ length: count }, (_, i) => base + (i < larger ? 1 : 0));
}

/** The plan as `--debug` prints it. */
export function describePlan(commits: number, sizes: readonly number[], cores: number): string {
  const runs = sizes.length === 0 ? 'no git log' : sizes.join(' + ');
  return (
    `history: ${commits} commit${commits === 1 ? '' : 's'} in ${sizes.length} ` +
    `shard${sizes.length === 1 ? '' : 's'} (${runs}; ${cores} core${cores === 1 ? '' : 's'})`
  );
}

export interface ShardedPassOptions extends LogOptions {
  /** Receives the shard plan, one line (the CLI prints it under `--debug`). */
  onDebug?: (line: string) => void;
  /**
   * The warm cache: commits it holds are not walked again, and those walked are added to it.
   * Saved after the pass (keeping only this pass's commits). `null`/absent: walk them all.
   */
  cache?: HistoryCache | null;
  /** Cores to plan for; defaults to `os.availableParallelism()`. */
  cores?: number;
  /**
   * With line churn: where the consumer needs it (see churn-scope.ts); resolves to null, or
   * absent, for every path. Asked for after the commits are listed.
   */
  churnScope?: () => Promise<ChurnScope | null>;
  /**
   * The chain check's listing (see readChain in commit-list.ts), started while the cache was
   * opened; absent: read when the plan needs it.
   */
  chain?: Promise<string>;
  /** The commit list (see listCommits), started before the pass; absent: listed when needed. */
  listing?: Promise<string[]>;
  /**
   * The consumer takes commits only once this resolves (it is still reading what it needs to
   * weigh them: the notebooks' own churn): the gits run meanwhile, and their output is kept
   * as it is for a shard waiting its turn. A rejection fails the pass with its error.
   */
  ready?: Promise<unknown>;
}

/**
 * The history pass, sharded when that pays: lists the commits, plans the shards (forced by
 * `MLDEBT_SHARDS` in `options.env`, else by cores and size) and hands every commit to
 * `onCommit` exactly as one `git log` pass would, in the same order. Rejects with the
 * GitLogError of the first git that fails.
 */
export async function streamShardedHistory(
  options: ShardedPassOptions,
  onCommit: (c: LogCommit) => void,
): Promise<void> {
  const forced = forcedShards(options.env);
  const cores = options.cores ?? availableParallelism();
  const cache = options.cache ?? null;
  const { list, plan, listed } = await planPass(options, cache);
  const { toWalk } = plan;
  const sizes = planShards(toWalk.length, shardCount(toWalk.length, { cores, forced }));
  const scope = options.lineChurn ? ((await options.churnScope?.()) ?? null) : null;
  options.onDebug?.(
    describePlan(toWalk.length, sizes, cores) +
      (cache === null ? '' : `; ${plan.cachedCount} of ${listed} commits from the cache`),
  );
  const ready = options.ready;
  if (cache === null && scope === null)
    return walkInShards(toWalk, sizes, options, onCommit, { ready });
  // Walked commits merged with cached ones in list order; with line churn, each checked for
  // the counts the items need (a cache filled for other items may lack some).
  if (scope !== null) options.onDebug?.(describeScope(scope));
  try {
    const { rediffed } = await walkScoped(
      {
        toWalk,
        sizes,
        scope,
        guard: options.lineChurn ? new ChurnGuard(scope) : null,
        cores,
        forced,
        ready,
      },
      options,
      {
        order: (emit) =>
          cache === null
            ? null
            : new ListOrderMerger(list, plan, cache.stored, options.sinceSeconds, emit),
        walked: (commit) => cache?.add([commit]),
        rediffed: (commit) => cache?.replace(commit),
      },
      onCommit,
    );
    if (rediffed > 0)
      options.onDebug?.(`history: ${rediffed} commits diffed again in full (churn the items need)`);
    await cache?.save(list);
  } finally {
    // A pass that failed saves nothing, and lets go of its walked commits all the same.
    cache?.release();
  }
}

/**
 * Lists the pass's commits (from the cache's stored listing when that is exact, see
 * {@link listPassCommits}) and splits them into cached ones and ones to walk: only the
 * commits the cache does not hold are diffed; the consumer still receives every listed
 * commit in list order, cached or walked, so it cannot tell a warm pass either.
 */
async function planPass(options: ShardedPassOptions, cache: HistoryCache | null) {
  const list = await listPassCommits(options, cache);
  const storedCount = list.followsStored ? (cache?.storedCount ?? 0) : 0;
  // In front of the stored list are commits on top of its head: none is in the file (a
  // commit is never its own ancestor), so they are not looked up, which would index it.
  const plan = planFromCache(list, list.followsStored ? null : cache, storedCount);
  return { list, plan, listed: list.fresh.length + storedCount };
}

/** The churn scope as `--debug` prints it. */
function describeScope(scope: ChurnScope): string {
  const shown = scope.pathspecs.slice(0, 5).join(' ');
  const more = scope.pathspecs.length > 5 ? ` and ${scope.pathspecs.length - 5} more` : '';
  return `history: names of every path; line churn only within ${shown}${more}`;
}

/** One shard: its git, its parser, and what it printed before its turn came. */
interface Shard {
  git: GitProcess;
  stream: CommitStream;
  waiting: WaitingOutput;
  exited: boolean;
}

/** A waiting shard's output, copied into blocks as it comes. */
class WaitingOutput {
  private blocks: Buffer[] = [];
  /** Bytes used of the last block. */
  private fill = 0;

  /** Keeps a copy of `chunk`. */
  add(chunk: Buffer): void {
    for (let from = 0; from < chunk.length;) {
      let block = this.blocks.at(-1);
      if (block === undefined || this.fill === block.length) {
        block = Buffer.allocUnsafe(Math.max(WAITING_BLOCK_BYTES, chunk.length - from));
        this.blocks.push(block);
        this.fill = 0;
      }
      const copied = chunk.copy(block, this.fill, from);
      this.fill += copied;
      from += copied;
    }
  }

  /** The block being handed on, and how far into it. */
  private reading = 0;
  private offset = 0;

  /**
   * Hands up to about `budget` kept bytes to `write`, in order and in slices, letting go of
   * each block once handed on; true while kept bytes remain (more may be added meanwhile).
   */
  drainSome(budget: number, write: (bytes: Buffer) => void): boolean {
    let handed = 0;
    while (handed < budget && this.reading < this.blocks.length) {
      const block = this.blocks[this.reading]!;
      const last = this.reading === this.blocks.length - 1;
      const end = last ? this.fill : block.length;
      if (this.offset < end) {
        // In slices the size of git's own chunks: the text decoded from each is cut into
        // paths and subjects, and a piece of it kept (a path first seen) keeps the whole
        // text alive.
        const to = Math.min(this.offset + WAITING_SLICE_BYTES, end);
        write(block.subarray(this.offset, to));
        handed += to - this.offset;
        this.offset = to;
      } else if (last) {
        // All kept bytes handed on: start afresh (a later add takes a new block).
        this.blocks = [];
        this.fill = 0;
        this.reading = 0;
        this.offset = 0;
      } else {
        this.blocks[this.reading++] = EMPTY;
        this.offset = 0;
      }
    }
    const last = this.blocks.length - 1;
    return this.reading < last || (this.reading === last && this.offset < this.fill);
  }
}
const EMPTY = Buffer.alloc(0);

/**
 * Walks `hashes` in contiguous runs of `sizes` (summing to its length), one git each, all
 * at once, and hands the commits to `onCommit` in list order (see the module comment). Any
 * git failing, or `onCommit` throwing, kills the others and rejects with that first error.
 * @param limits.waitingBytes bound on kept output before waiting shards are paused
 * @param limits.onPause told the index of each shard paused (tests see the bound hold)
 * @param limits.catchUpBytes backlog parsed per turn of the event loop (tests make it tiny)
 * @param limits.ready `onCommit` is called only once this resolves: until then every shard
 *   waits its turn, the first one too (see ShardedPassOptions.ready)
 */
export async function walkInShards(
  hashes: readonly string[],
  sizes: readonly number[],
  options: DiffOptions,
  onCommit: (c: LogCommit) => void,
  limits: {
    waitingBytes?: number;
    onPause?: (shard: number) => void;
    catchUpBytes?: number;
    ready?: Promise<unknown>;
  } = {},
): Promise<void> {
  const total = sizes.reduce((sum, size) => sum + size, 0);
  if (total !== hashes.length || sizes.some((size) => size < 1)) {
    throw new Error('walkInShards: the shard sizes do not cut the commit list');
  }
  const ready = limits.ready;
  if (sizes.length === 0) return void (await ready);
  // One git streams straight to the consumer, unless the consumer is not ready for it.
  if (sizes.length === 1 && ready === undefined) return walkCommits(hashes, options, onCommit);
  const waitingLimit = limits.waitingBytes ?? MAX_WAITING_BYTES;
  // Made (and checked) before any git starts; each is let go of once handed to its git.
  const inputs: string[] = [];
  for (let start = 0, i = 0; i < sizes.length; start += sizes[i]!, i++) {
    inputs.push(hashList(hashes.slice(start, start + sizes[i]!)));
  }

  return new Promise<void>((resolve, reject) => {
    /** The shard being parsed; those before it are done, those after it wait. */
    let live = 0;
    /**
     * Whether the live shard's backlog is still being parsed (see catchUp); from the start,
     * while the consumer is not ready: the first shard's output then waits as well.
     */
    let catchingUp = ready !== undefined;
    let waitingBytes = 0;
    let settled = false;
    const shards: Shard[] = [];

    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      for (const shard of shards) shard.git.kill();
      reject(error);
    };
    /**
     * Parses what the live shard printed while it waited, a slice of the backlog per turn of
     * the event loop, then lets it stream. Parsed at once, a long backlog (half the history's
     * output) was one burst of garbage the collector could not keep up with: the run's peak
     * memory grew with the history. Until it has caught up, its new output queues behind.
     */
    const catchUp = () => {
      if (settled) return;
      const shard = shards[live]!;
      try {
        const more = shard.waiting.drainSome(limits.catchUpBytes ?? CATCH_UP_BYTES, (bytes) => {
          waitingBytes -= bytes.length;
          shard.stream.write(bytes);
        });
        if (more) return void setImmediate(catchUp);
      } catch (error) {
        return fail(error);
      }
      catchingUp = false;
      shard.git.resume();
      advance();
    };
    /** Ends every finished shard at the front, in order, and hands the turn on. */
    const advance = () => {
      if (catchingUp) return;
      try {
        while (!settled && live < shards.length && shards[live]!.exited) {
          shards[live]!.stream.end();
          live++;
          if (live < shards.length) {
            catchingUp = true;
            return catchUp();
          }
        }
      } catch (error) {
        return fail(error);
      }
      if (!settled && live === shards.length) {
        settled = true;
        resolve();
      }
    };

    for (let i = 0; i < inputs.length; i++) {
      // The hash list is git's stdin only: spawnGit writes it at once, and this run lets go
      // of it then rather than keep a second copy of the commit list for the whole walk.
      const gitOptions = { ...options, input: inputs[i] };
      inputs[i] = '';
      const shard: Shard = {
        stream: new CommitStream(options.lineChurn, onCommit),
        waiting: new WaitingOutput(),
        exited: false,
        git: spawnGit(walkArgs(options), gitOptions, (chunk) => {
          if (settled) return;
          // A throw here (bad output, or from onCommit) kills this git and fails its `done`.
          if (i === live && !catchingUp) return shard.stream.write(chunk);
          shard.waiting.add(chunk);
          waitingBytes += chunk.length;
          if (waitingBytes > waitingLimit) {
            shard.git.pause();
            limits.onPause?.(i);
          }
        }),
      };
      gitOptions.input = '';
      shards.push(shard);
      shard.git.done.then(() => {
        shard.exited = true;
        advance();
      }, fail);
    }
    ready?.then(catchUp, fail);
  });
}
