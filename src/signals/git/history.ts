/**
 * The history pass as a resource of the run: the git collector and the config collector (for
 * each config file's last change) read the same pass, which runs once. It reaches back
 * max(window, stale_after), so last-change dates older than the window are known.
 */
import type { ResolvedSettings } from '../../inventory/settings.js';
import { compileWildcards } from '../../util/wildcard.js';
import type { CollectContext } from '../collector.js';
import { FileHistoryAggregator } from './file-history.js';
import { collectGitHistory, type GitCollection } from './index.js';
import type { LogCommit } from './log-stream.js';
import { ResolvedFixAggregator } from './resolved-fixes.js';

/** What the pass needs of a run: everything of the collector's context but the pass itself. */
export type HistoryInputs = Omit<CollectContext, 'history'>;

/**
 * Walks the history of the run's commit over its window, or resolves to null when there is
 * no commit to walk from (outside git, or before the first commit).
 */
export async function runHistoryPass(context: HistoryInputs): Promise<GitCollection | null> {
  const { head, window, settings } = context;
  if (head === null || window === null) return null;
  const rules = historyRules(settings);
  const bounds = {
    sinceSeconds: Math.ceil(window.sinceMs / 1000),
    untilSeconds: Math.floor(window.untilMs / 1000),
  };
  // Reconciliation reads the same commits: resolved items' fixes, and scan's per-file history.
  const resolved = new ResolvedFixAggregator({ ...rules, ...bounds, items: context.resolvedItems });
  const files = observeOnceReady(
    context.files(),
    (tracked) => new FileHistoryAggregator({ ...rules, ...bounds, tracked: new Set(tracked) }),
  );
  const collected = await collectGitHistory({
    root: context.root,
    hash: head,
    sinceMs: window.sinceMs,
    untilMs: window.untilMs,
    ...rules,
    lineChurn: context.lineChurn,
    index: context.globIndex,
    groupFiles: context.groupFiles(),
    env: context.env,
    onProgress: context.onProgress,
    observe: (commit) => {
      resolved.add(commit);
      files.add(commit);
    },
  });
  return {
    ...collected,
    reconciliation: {
      resolvedFixes: resolved.result(),
      files: (await files.aggregator).result(),
    },
  };
}

/**
 * An observer of the streaming pass for an aggregator that can be made only once `ready`
 * resolves (the per-file aggregator needs the files tracked at HEAD, which are listed while
 * the history streams): commits that arrive before are kept and replayed in order, so the
 * listing and the pass still run side by side.
 */
function observeOnceReady<T, A extends { add(commit: LogCommit): void }>(
  ready: Promise<T>,
  make: (value: T) => A,
): { add(commit: LogCommit): void; aggregator: Promise<A> } {
  let made: A | undefined;
  let early: LogCommit[] = [];
  const aggregator = ready.then((value) => {
    made = make(value);
    for (const commit of early) made.add(commit);
    early = [];
    return made;
  });
  // A failed listing fails the pass itself (it awaits the same promise); not twice.
  aggregator.catch(() => undefined);
  return {
    add: (commit) => (made ? made.add(commit) : early.push(commit)),
    aggregator,
  };
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
