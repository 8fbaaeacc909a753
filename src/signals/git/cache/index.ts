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
import { readCacheKeys, type CacheKey, type CacheKeyOptions } from './key.js';
import { isInside, resolveCacheDir } from './location.js';
import { HistoryCache } from './store.js';

export { CACHE_FORMAT_VERSION, StoredHistory, type StoredListing } from './format.js';
export { readCacheKey, readCacheKeys, type CacheKey, type CacheKeyOptions } from './key.js';
export { resolveCacheDir, type CacheLocation } from './location.js';
export {
  ListOrderMerger,
  planFromCache,
  type CachePlan,
  type CommitLookup,
  type PassList,
} from './plan.js';
export { DEFAULT_CACHE_MAX_BYTES, HistoryCache } from './store.js';

export interface OpenHistoryCacheOptions extends CacheKeyOptions {
  /** The repository's working tree top level. */
  root: string;
  /** The run's environment: where the cache directory is (and how git runs). */
  env?: NodeJS.ProcessEnv;
  /** `false` (`--no-cache`): no cache, neither read nor written. */
  enabled?: boolean;
  /** Size bound of the cache directory (default {@link DEFAULT_CACHE_MAX_BYTES}). */
  maxBytes?: number;
  /** The platform whose cache location applies (default: this one). */
  platform?: NodeJS.Platform;
  /** The key's inputs, when the caller started reading them already (see readCacheKeys). */
  keys?: Promise<(options: CacheKeyOptions) => CacheKey>;
}

/** Where a repository's cache files go, once it is known that they may be used. */
export interface CachePlace {
  dir: string;
  key: CacheKey;
}

/**
 * Where the repository's cache files for a pass with these options go, or says why there
 * are none: `--no-cache` (silently), no cache directory in the environment, a cache
 * directory inside the repository (refused: the repository is never written), or a
 * repository whose key git cannot read. Never throws for a cache problem.
 */
export async function locateHistoryCache(
  options: OpenHistoryCacheOptions,
): Promise<{ place: CachePlace | null; notes: Diagnostic[] }> {
  if (options.enabled === false) return { place: null, notes: [] };
  const env = options.env ?? process.env;
  const location = resolveCacheDir(env, options.platform);
  if (location.dir === null)
    return { place: null, notes: [unavailable(`no cache directory: ${location.reason}`)] };
  let key;
  try {
    key = (await (options.keys ?? readCacheKeys(options.root, env)))(options);
  } catch {
    return {
      place: null,
      notes: [unavailable('git could not say what identifies this repository')],
    };
  }
  if (isInside(location.dir, [options.root, ...key.gitDirs])) {
    return {
      place: null,
      notes: [
        unavailable(
          `the cache directory ${location.dir} is inside the repository, which mldebt never writes ` +
            '(set XDG_CACHE_HOME to a directory outside it)',
        ),
      ],
    };
  }
  return { place: { dir: location.dir, key }, notes: [] };
}

/**
 * Opens the repository's cache for a pass with these options (at `place` when the caller
 * located it already), or says why there is none (see {@link locateHistoryCache}).
 */
export async function openHistoryCache(
  options: OpenHistoryCacheOptions,
  located?: { place: CachePlace | null; notes: Diagnostic[] },
): Promise<{ cache: HistoryCache | null; notes: Diagnostic[] }> {
  const { place, notes } = located ?? (await locateHistoryCache(options));
  if (place === null) return { cache: null, notes };
  const cache = await HistoryCache.open({
    dir: place.dir,
    key: place.key.id,
    maxBytes: options.maxBytes,
  });
  return { cache, notes: [] };
}

function unavailable(why: string): Diagnostic {
  return { code: 'cache-unavailable', message: `history cache not used: ${why}` };
}
