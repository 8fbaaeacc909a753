/**
 * ML practice findings as a collector: the detectors run once over the union of the items'
 * files (see examine.ts); each group gets the findings on its own files, and the hints drawn
 * from its own set of files (an item's training code with no tracking import).
 */
import type { Collector } from '../collector.js';
import { examineAllPractices } from './examine-all.js';
import { sortPracticeFindings } from './examine.js';

export const practicesCollector: Collector = {
  name: 'practices',
  async collect(context) {
    const { globIndex } = context;
    if (globIndex.groups.length === 0) return null;
    const [files, groupFiles] = await Promise.all([context.files(), context.groupFiles()]);
    const selected = new Set(groupFiles.flat());
    const input = {
      root: context.root,
      head: context.head,
      env: context.env,
      files,
      selected,
      settings: context.settings.practices,
      cache: context.historyCache,
      gitFacts: context.gitFacts,
    };
    const found = await examineAllPractices(input);
    return {
      groups: groupFiles.map((groupPaths) => ({
        practices: sortPracticeFindings([
          ...groupPaths.flatMap((path) => found.onFile(path)),
          ...found.hintsFor(groupPaths),
        ]),
      })),
      warnings: [],
      notes: found.notes,
    };
  },
};
