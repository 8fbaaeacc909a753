/**
 * One repository's history cache file: read once when opened, looked up per commit hash,
 * added to as commits are walked, and written back once at the end of the pass.
 *
 * Walked commits are kept packed as the file holds them (packed.ts), not as objects, and a
 * save writes the file's sections piece by piece: what a run holds for the cache grows by a
 * few dozen bytes a commit, and a save adds no copy of it.
 *
 * Writes are atomic: the whole file is written to a temporary file beside it (created
 * exclusively, mode 0600) and renamed over it, so a reader sees the old file or the new one,
 * never half of one. Concurrent runs on one repository each write their own temporary file;
 * the last rename wins and the other run's additions are lost, which only costs a later run
 * a walk. A cache problem is never an error: an unusable file is ignored with a note, and a
 * directory that cannot be written means this run's facts are not kept, with a note.
 *
 * The file never grows without bound: a save keeps only the commits of the run's own
 * listing, so facts of commits that a rebase or rewrite left unreachable are dropped at the
 * first save after it. A re-run that walked nothing does not write at all.
 */
import { readFile, utimes } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Diagnostic } from '../../../model/index.js';
import type { LogCommit } from '../log-stream.js';
import { evictCacheFiles } from './evict.js';
import {
  CacheFileError,
  decodeCacheFile,
  storedHeadOf,
  layOutCacheFile,
  type CacheFileLayout,
  type StoredHistory,
  type StoredListing,
} from './format.js';
import { PackedCommits } from './packed.js';
import { ensurePrivateDir, writeAtomically } from './private-files.js';
import { CACHE_FILE_SUFFIX } from './location.js';
import { SpillFile } from './spill.js';
import type { PassList } from './plan.js';

/** Size bound of the whole cache directory, all repositories together. */
export const DEFAULT_CACHE_MAX_BYTES = 256 * 1024 * 1024;

/** Cache files are named for their key (64 hex digits) and CACHE_FILE_SUFFIX. */
export { CACHE_FILE_SUFFIX };

export interface HistoryCacheOptions {
  /** The cache directory (created 0700 on the first save). */
  dir: string;
  /** The key id (hex): names the file and is checked inside it. */
  key: string;
  /** Size bound of the directory; least recently used files go first. */
  maxBytes?: number;
  /**
   * Told the head of the listing the file records, once the file is read and before its
   * body is decoded (see storedHeadOf): what a pass asks git next depends on it.
   */
  onStoredHead?: (head: string) => void;
}

/** The commits one repository's cache holds, and how to write them back. */
export class HistoryCache {
  /** Notes about the cache (a file ignored, a directory not writable), for the run's notes. */
  readonly notes: Diagnostic[] = [];
  /**
   * The commits walked, in the order given; a commit walked again is added again. Their full
   * chunks wait in a temporary file for the save, so a long walk holds little of them.
   */
  private readonly spill: SpillFile;
  private readonly walked: PackedCommits;
  /** Why the walked commits cannot be kept (a fact the format cannot hold), or null. */
  private unfit: unknown = null;
  /** Whether a stored commit may have been walked again: its facts are then not copied. */
  private replaced = false;

  private constructor(
    readonly dir: string,
    readonly key: string,
    readonly file: string,
    /** The file as read: its commits, and the listing they are; null when there was none. */
    readonly stored: StoredHistory | null,
    private readonly maxBytes: number,
    /** The file exists but was not usable: the next save must replace it. */
    private readonly ignored: boolean,
  ) {
    this.spill = new SpillFile(dir, basename(file));
    this.walked = new PackedCommits(this.spill);
  }

  /**
   * Opens the cache file of `key` in `dir`. A missing file is an empty cache; one that cannot
   * be read or is not a cache of this key and format is an empty cache with a note.
   */
  static async open(options: HistoryCacheOptions): Promise<HistoryCache> {
    const file = join(options.dir, `${options.key}${CACHE_FILE_SUFFIX}`);
    const notes: Diagnostic[] = [];
    let stored: StoredHistory | null = null;
    try {
      const data = await readFile(file);
      const head = options.onStoredHead === undefined ? null : storedHeadOf(data, options.key);
      if (head !== null) options.onStoredHead!(head);
      stored = decodeCacheFile(data, options.key);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // No file yet (or no directory: the save says why it cannot make one) is simply cold.
      if (code !== 'ENOENT' && code !== 'ENOTDIR') notes.push(ignoredNote(file, error));
    }
    const cache = new HistoryCache(
      options.dir,
      options.key,
      file,
      stored,
      options.maxBytes ?? DEFAULT_CACHE_MAX_BYTES,
      notes.length > 0,
    );
    cache.notes.push(...notes);
    return cache;
  }

  /** How many commits the file held when opened. */
  get storedCount(): number {
    return this.stored?.size ?? 0;
  }

  /**
   * The cached facts of a commit, if this cache holds them: the latest added (a commit walked
   * again for churn the stored facts lacked replaces them).
   */
  get(hash: string): LogCommit | undefined {
    // Nothing walked yet (planning, before the walk): no index of walked hashes is made.
    const position = this.walked.size === 0 ? -1 : this.walked.positionOf(hash);
    if (position !== -1) return this.walked.commitAt(position);
    const index = this.stored?.indexOf(hash) ?? -1;
    return index === -1 ? undefined : this.stored!.commitAt(index);
  }

  /** Remembers walked commits, to be written at {@link save}. */
  add(commits: Iterable<LogCommit>): void {
    for (const commit of commits) this.keep(commit);
  }

  /**
   * Remembers a commit walked again (its line counts were not all there), stored or walked
   * before: its new facts are written in place of the old.
   */
  replace(commit: LogCommit): void {
    this.keep(commit);
    this.replaced = true;
  }

  /** Packs a walked commit. Never throws: the walk goes on, and the save says why not. */
  private keep(commit: LogCommit): void {
    if (this.unfit !== null) return;
    try {
      this.walked.add(commit);
    } catch (error) {
      this.unfit = error;
    }
  }

  /**
   * Writes the facts of the commits of `list` (the pass's listing, in its order) that the
   * cache holds or was given, and nothing else: what no longer belongs to the history is
   * dropped. The file records the listing when it holds every commit of it, so the next run
   * can take its list from the file instead of from git. Nothing is written when the file
   * already holds exactly this (it is only marked used); a list that is the file's own with
   * newer commits in front copies the file's commits unchanged behind them. Then evicts the
   * least recently used files of other repositories beyond the size bound. Never throws: a
   * failure becomes a note. The cache's last use: the walked commits are let go of.
   */
  async save(list: PassList): Promise<void> {
    try {
      await this.write(list);
    } finally {
      this.release();
    }
  }

  /** Lets go of the walked commits (a pass that failed saves nothing). */
  release(): void {
    this.spill.close();
  }

  private async write(list: PassList): Promise<void> {
    let file: CacheFileLayout | null;
    try {
      if (this.unfit !== null) throw this.unfit;
      file = this.layOut(list);
    } catch (error) {
      // A fact the format cannot hold (git never prints one): this run's facts are not kept.
      this.notes.push(unavailableNote(this.dir, error));
      return;
    }
    try {
      await ensurePrivateDir(this.dir);
      if (file === null) {
        // Nothing to write: mark the file used, for least-recently-used eviction. The
        // directory did not grow, so there is nothing to evict either.
        const now = new Date();
        await utimes(this.file, now, now).catch(() => undefined);
        return;
      }
      await writeAtomically(this.file, file);
    } catch (error) {
      this.notes.push(unavailableNote(this.dir, error));
      return;
    }
    this.notes.push(...(await evictCacheFiles(this.dir, this.maxBytes, this.file)));
  }

  /** The file `list` makes, or null when the file on disk is that already. */
  private layOut(list: PassList): CacheFileLayout | null {
    const stored = this.ignored ? null : this.stored;
    const listing: StoredListing = { head: list.head, reach: list.reach };
    const follows = list.followsStored && stored !== null;
    // Usually the walk gave exactly the fresh commits, in list order: written as they are.
    const exact = !this.replaced && this.walked.holdsExactly(list.fresh);
    const { fresh, complete } = exact
      ? { fresh: this.walked, complete: true }
      : this.gather(list.fresh);
    if (follows && complete && !this.replaced) {
      if (fresh.size === 0 && sameListing(stored.listing, listing)) return null;
      return layOutCacheFile(this.key, fresh, listing, stored);
    }
    if (follows) {
      // Not exact, so `fresh` was gathered anew: the stored commits join it, walked again
      // ones in their new form.
      for (let i = 0; i < stored.size; i++) {
        const position = this.replaced ? this.walked.positionOf(stored.hashAt(i)) : -1;
        fresh.add(position === -1 ? stored.commitAt(i) : this.walked.commitAt(position));
      }
    }
    // Nothing walked and the same commits as the file (a subset of it of its size), in the
    // same listing: the file is this already.
    const unchanged =
      stored !== null &&
      this.walked.size === 0 &&
      fresh.size === stored.size &&
      sameListing(stored.listing, complete ? listing : null);
    return unchanged ? null : layOutCacheFile(this.key, fresh, complete ? listing : null);
  }

  /** The commits of `hashes` this cache holds, in order, and whether it holds them all. */
  private gather(hashes: readonly string[]): { fresh: PackedCommits; complete: boolean } {
    const fresh = new PackedCommits();
    let complete = true;
    for (const hash of hashes) {
      const commit = this.get(hash);
      if (commit === undefined) complete = false;
      else fresh.add(commit);
    }
    return { fresh, complete };
  }
}

function sameListing(a: StoredListing | null, b: StoredListing | null): boolean {
  return a === b || (a !== null && b !== null && a.head === b.head && a.reach === b.reach);
}

function reasonOf(error: unknown): string {
  if (error instanceof CacheFileError) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  return code ? `it cannot be read (${code})` : 'it cannot be read';
}

function ignoredNote(file: string, error: unknown): Diagnostic {
  return {
    code: 'cache-ignored',
    message: `history cache ${file} ignored: ${reasonOf(error)}; history is read from git and the file rewritten`,
  };
}

function unavailableNote(dir: string, error: unknown): Diagnostic {
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  return {
    code: 'cache-unavailable',
    message: `history cache directory ${dir} cannot be written (${code}): this run's history is not cached`,
  };
}
