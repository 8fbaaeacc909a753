/**
 * ML practice findings as a collector: the detectors run once over the union of the items'
 * files (see examine.ts); each group gets the findings on its own files, and the hints drawn
 * from its own set of files (an item's training code with no tracking import).
 */
import type { PracticeFinding } from '../../model/index.js';
import type { Collector } from '../collector.js';
import { compareText } from '../../util/text.js';
import { describeUnread, examinePractices, sortPracticeFindings } from './examine.js';
import { examinePython } from './examine-python.js';

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
    };
    const [examined, python] = await Promise.all([examinePractices(input), examinePython(input)]);
    const unread = [...examined.unread, ...python.unread].sort(compareText);
    const byFile = new Map<string, PracticeFinding[]>();
    for (const finding of [...examined.findings, ...python.findings]) {
      const list = byFile.get(finding.file);
      if (list === undefined) byFile.set(finding.file, [finding]);
      else list.push(finding);
    }
    return {
      groups: groupFiles.map((groupPaths) => ({
        practices: sortPracticeFindings([
          ...groupPaths.flatMap((path) => byFile.get(path) ?? []),
          ...python.hintsFor(groupPaths),
        ]),
      })),
      warnings: [],
      notes: [
        ...(examined.dataNotMeasured ? [examined.dataNotMeasured] : []),
        ...(unread.length > 0 ? [describeUnread(unread)] : []),
      ],
    };
  },
};
