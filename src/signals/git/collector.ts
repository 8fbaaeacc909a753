/**
 * Git history as a collector: needs a commit to walk from and a window; gives each group its
 * GitSignal (null when its globs select no file) and the diagnostics of the pass.
 */
import type { Diagnostic } from '../../model/index.js';
import { isNegated, suggestGlob } from '../../util/glob.js';
import { compileWildcards } from '../../util/wildcard.js';
import type { CollectedItem, Collector } from '../collector.js';
import { collectGitHistory } from './index.js';

export const gitCollector: Collector = {
  name: 'git',
  async collect(context) {
    const { head, window, settings } = context;
    if (head === null || window === null) return null;
    const collected = await collectGitHistory({
      root: context.root,
      hash: head,
      sinceMs: window.sinceMs,
      untilMs: window.untilMs,
      staleAfter: settings.staleAfter,
      fixPattern: settings.fixPattern,
      fixExclude: settings.fixExclude,
      isBot: compileBotMatcher(settings.bots),
      lineChurn: context.lineChurn,
      index: context.globIndex,
      groupFiles: context.groupFiles(),
      env: context.env,
      onProgress: context.onProgress,
    });
    const files = await context.files();
    return {
      groups: collected.groupSignals.map((git) => ({ git })),
      warnings: [
        ...collected.warnings,
        ...describeDeadGlobs(context.items, context.globIndex.deadGlobs(), files),
      ],
      notes: collected.notes,
      facts: { shallow: collected.shallow, lineChurn: collected.lineChurn },
    };
  },
};

/** Bots by mailmapped author name or email (`*` wildcards, case-insensitive). */
function compileBotMatcher(patterns: readonly string[]): (name: string, email: string) => boolean {
  const matches = compileWildcards(patterns);
  return (name, email) => matches(name) || matches(email);
}

/**
 * One warning per glob that selects nothing (no tracked file at HEAD, no path changed in the
 * window), with a close match when there is one. An item none of whose globs selects
 * anything has no git figures at all (null, "not measured: no file"), never zeros.
 */
function describeDeadGlobs(
  items: readonly CollectedItem[],
  dead: string[][],
  files: readonly string[],
): Diagnostic[] {
  const warnings: Diagnostic[] = [];
  items.forEach((item, i) => {
    for (const glob of dead[i] ?? []) {
      const suggestion = suggestGlob(glob, files);
      const what = isNegated(glob)
        ? 'excludes nothing: it matches no tracked file at HEAD and no path changed in the window'
        : 'matches no tracked file at HEAD and no path changed in the window';
      warnings.push({
        code: 'glob-no-match',
        itemId: item.id,
        location: item.pathLocations[item.paths.indexOf(glob)],
        message:
          `${item.id}: glob "${glob}" ${what}` +
          (suggestion ? ` (did you mean "${suggestion}"?)` : ''),
      });
    }
  });
  return warnings;
}
