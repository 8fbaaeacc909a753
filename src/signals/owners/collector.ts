/**
 * CODEOWNERS as a collector: per group of globs, the rule owning its hottest file. It reads
 * the run's one history pass for the hot files (no pass of its own) and the files each group
 * selects at HEAD for groups that did not change in the window.
 */
import type { Collector } from '../collector.js';
import { codeownersMatchOf } from './item-owner.js';

export const ownersCollector: Collector = {
  name: 'owners',
  async collect(context) {
    const codeowners = await context.codeowners();
    if (codeowners === null) return null;
    const [history, groupFiles] = await Promise.all([context.history(), context.groupFiles()]);
    return {
      groups: groupFiles.map((files, group) => ({
        codeowners: codeownersMatchOf(
          codeowners,
          history?.groupSignals[group]?.hotFiles ?? [],
          files,
        ),
      })),
      warnings: [],
      notes: [],
    };
  },
};
