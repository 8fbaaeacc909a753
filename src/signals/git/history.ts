/**
 * The history pass as a resource of the run: the git collector and the config collector (for
 * each config file's last change) read the same pass, which runs once. It reaches back
 * max(window, stale_after), so last-change dates older than the window are known.
 */
import type { ResolvedSettings } from '../../inventory/settings.js';
import { compileWildcards } from '../../util/wildcard.js';
import type { CollectContext } from '../collector.js';
import { collectGitHistory, type GitCollection } from './index.js';

/** What the pass needs of a run: everything of the collector's context but the pass itself. */
export type HistoryInputs = Omit<CollectContext, 'history'>;

/**
 * Walks the history of the run's commit over its window, or resolves to null when there is
 * no commit to walk from (outside git, or before the first commit).
 */
export async function runHistoryPass(context: HistoryInputs): Promise<GitCollection | null> {
  const { head, window, settings } = context;
  if (head === null || window === null) return null;
  return collectGitHistory({
    root: context.root,
    hash: head,
    sinceMs: window.sinceMs,
    untilMs: window.untilMs,
    ...historyRules(settings),
    lineChurn: context.lineChurn,
    index: context.globIndex,
    groupFiles: context.groupFiles(),
    env: context.env,
    onProgress: context.onProgress,
  });
}

/** The settings every history pass and aggregator apply: fixes, their exclusions, bots, reach. */
export function historyRules(settings: ResolvedSettings) {
  return {
    staleAfter: settings.staleAfter,
    fixPattern: settings.fixPattern,
    fixExclude: settings.fixExclude,
    isBot: compileBotMatcher(settings.bots),
  };
}

/** Bots by mailmapped author name or email (`*` wildcards, case-insensitive). */
function compileBotMatcher(patterns: readonly string[]): (name: string, email: string) => boolean {
  const matches = compileWildcards(patterns);
  return (name, email) => matches(name) || matches(email);
}
