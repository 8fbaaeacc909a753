/**
 * What a history pass reads before git walks, and what deciding whether an earlier run's
 * result can be read back needs too: whether the clone is partial, and where the cache for
 * the pass's options is. Kept apart from the pass so that a run whose result is read back
 * loads none of the pass's code.
 */
import type { Diagnostic } from '../../model/index.js';
import { subtractDuration } from '../../util/dates.js';
import { readCacheKeys } from './cache/key.js';
import { locateHistoryCache, type CachePlace } from './cache/location.js';
import { readGitConfigAnswers, type GitDirectoryFacts } from './repo.js';

/**
 * How far back a pass over these windows reaches (epoch seconds): each window reaches back
 * max(window, stale_after) from its end, so last-change dates older than the window are
 * known; the pass reaches as far as the farthest.
 */
export function passReachOf(
  windows: readonly { sinceMs: number; untilMs: number }[],
  staleAfter: string,
): number {
  return Math.min(...windows.map((window) => reachSecondsOf(window, staleAfter)));
}

/** One window's reach (see {@link passReachOf}). */
export function reachSecondsOf(
  window: { sinceMs: number; untilMs: number },
  staleAfter: string,
): number {
  return Math.ceil(Math.min(window.sinceMs, subtractDuration(window.untilMs, staleAfter)) / 1000);
}

/** Whether the clone is partial, and where the pass's cache is (see {@link preparePass}). */
export interface PreparedPass {
  partial: boolean;
  located: { place: CachePlace | null; notes: Diagnostic[] };
}

/**
 * Reads what a pass needs before git walks: whether the clone is partial (no churn, exact
 * renames only) and where the cache for those options is.
 */
export async function preparePass(shared: {
  root: string;
  env?: NodeJS.ProcessEnv;
  lineChurn: boolean;
  /** Whether the warm history cache is used (`--no-cache`: false). */
  cache?: boolean;
  /** What git said of the repository as the run found it; absent: asked again. */
  facts?: GitDirectoryFacts;
}): Promise<PreparedPass> {
  const enabled = shared.cache ?? false;
  // The key's gits run beside the config query (the key reads `mailmap.blob` from it too): the
  // key needs the partial-clone answer only to hash.
  const config = readGitConfigAnswers(shared.root, shared.env);
  const keys = enabled ? readCacheKeys(shared.root, shared.env, config, shared.facts) : undefined;
  keys?.catch(() => undefined);
  const partial = (await config).partialClone;
  const located = await locateHistoryCache({
    root: shared.root,
    env: shared.env,
    enabled,
    lineChurn: shared.lineChurn && !partial,
    exactRenamesOnly: partial,
    keys,
  });
  return { partial, located };
}
