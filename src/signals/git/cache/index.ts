/**
 * The warm history cache: per-commit facts of past passes, kept in the user's cache
 * directory so a later run walks only the commits it has not seen.
 *
 * How a pass uses it (see shards.ts):
 *   const { cache, notes } = await openHistoryCache({ root, env, enabled: options.cache, ... });
 *   const list = await listPassCommits(options, cache);   // commit-list.ts
 *   const plan = planFromCache(list, cache, list.followsStored ? cache.storedCount : 0);
 *   const merger = new ListOrderMerger(list, plan, cache.stored, sinceSeconds, emit);
 *   await walkCommits(plan.toWalk, ..., (c) => { cache.add([c]); merger.push(c); });
 *   merger.end();
 *   await cache.save(list);   // then report notes + cache.notes
 */
import type { Diagnostic } from '../../../model/index.js';
import { locateHistoryCache, type CachePlace, type LocateHistoryCacheOptions } from './location.js';
import { HistoryCache } from './store.js';

export { CACHE_FORMAT_VERSION, StoredHistory, type StoredListing } from './format.js';
export { readCacheKey, readCacheKeys, type CacheKey, type CacheKeyOptions } from './key.js';
export {
  locateHistoryCache,
  resolveCacheDir,
  type CacheLocation,
  type CachePlace,
  type LocateHistoryCacheOptions,
} from './location.js';
export {
  ListOrderMerger,
  planFromCache,
  type CachePlan,
  type CommitLookup,
  type PassList,
} from './plan.js';
export { DEFAULT_CACHE_MAX_BYTES, HistoryCache } from './store.js';

export interface OpenHistoryCacheOptions extends LocateHistoryCacheOptions {
  /** Size bound of the cache directory (default {@link DEFAULT_CACHE_MAX_BYTES}). */
  maxBytes?: number;
  /** Told the head the file records before its body is decoded (see store.ts). */
  onStoredHead?: (head: string) => void;
}

/**
 * Opens the repository's cache for a pass with these options (at `place` when the caller
 * located it already), or says why there is none (see {@link locateHistoryCache}).
 */
export async function openHistoryCache(
  options: OpenHistoryCacheOptions,
  located?: { place: CachePlace | null; notes: Diagnostic[] },
): Promise<{ cache: HistoryCache | null; notes: Diagnostic[] }> {
  // Off is off, whoever located the cache before.
  if (options.enabled === false) return { cache: null, notes: [] };
  const { place, notes } = located ?? (await locateHistoryCache(options));
  if (place === null) return { cache: null, notes };
  const cache = await HistoryCache.open({
    dir: place.dir,
    key: place.key.id,
    maxBytes: options.maxBytes,
    onStoredHead: options.onStoredHead,
  });
  return { cache, notes: [] };
}
