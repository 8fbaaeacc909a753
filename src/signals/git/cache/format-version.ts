/**
 * The history cache's format version, apart from the format's code: the cache key names it,
 * and a run whose result is read back whole reads the key but none of the format.
 */

/** Raise it whenever what is stored per commit, or how, changes: older files are then ignored. */
export const CACHE_FORMAT_VERSION = 2;
