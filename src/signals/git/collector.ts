/**
 * Git history as a collector: reads the run's one history pass (none without a commit to walk
 * from and a window); gives each group its GitSignal (null when its globs select no file) and
 * the diagnostics of the pass.
 */
import type { Diagnostic } from '../../model/index.js';
import { describeDeadGlob } from '../../util/glob.js';
import type { CollectedItem, Collector } from '../collector.js';

export const gitCollector: Collector = {
  name: 'git',
  async collect(context) {
    const collected = await context.history();
    if (collected === null) return null;
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
      warnings.push({
        code: 'glob-no-match',
        itemId: item.id,
        location: item.pathLocations[item.paths.indexOf(glob)],
        message: `${item.id}: ${describeDeadGlob(glob, files, 'tracked file at HEAD and no path changed in the window')}`,
      });
    }
  });
  return warnings;
}
