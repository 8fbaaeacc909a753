/**
 * Coverage reports as a collector: runs only when reports are given, and loads the readers
 * only then (the XML parser alone costs about 0.1 s of start-up). Every group gets its
 * CoverageSignal over the files its globs select.
 */
import type { Collector } from '../collector.js';

export const coverageCollector: Collector = {
  name: 'coverage',
  async collect(context) {
    const { reports, cwd } = context.coverage;
    if (reports.length === 0) return null;
    const { collectCoverage, describeUnmapped } = await import('./index.js');
    const { coverageForItem } = await import('./item-coverage.js');
    const [repoFiles, groupFiles] = await Promise.all([context.files(), context.groupFiles()]);
    const index = await collectCoverage(reports, { cwd, repoRoot: context.root, repoFiles });
    return {
      groups: groupFiles.map((files) => ({ coverage: coverageForItem(index, files) })),
      warnings: describeUnmapped(index),
      notes: [],
    };
  },
};
