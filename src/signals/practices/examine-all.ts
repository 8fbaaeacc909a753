/**
 * Every practice detector over one run's files, as the audit's collector and `scan` both
 * use them: the file-level findings by file, the hints for any set of files, and the notes
 * on what could not be checked.
 */
import type { Diagnostic, PracticeFinding } from '../../model/index.js';
import { compareText } from '../../util/text.js';
import {
  describeUnread,
  examinePractices,
  sortPracticeFindings,
  type PracticeInput,
} from './examine.js';
import { examinePython } from './examine-python.js';

export interface PracticeResults {
  /** The findings on one file (hints aside), sorted; none for a file without. */
  onFile(path: string): readonly PracticeFinding[];
  /** The no-tracking and no-validation hints drawn from a set of files. */
  hintsFor(paths: readonly string[]): PracticeFinding[];
  notes: Diagnostic[];
}

/** Runs the detectors (see examine.ts and examine-python.ts). */
export async function examineAllPractices(input: PracticeInput): Promise<PracticeResults> {
  const [examined, python] = await Promise.all([examinePractices(input), examinePython(input)]);
  const byFile = new Map<string, PracticeFinding[]>();
  for (const finding of sortPracticeFindings([...examined.findings, ...python.findings])) {
    const list = byFile.get(finding.file);
    if (list === undefined) byFile.set(finding.file, [finding]);
    else list.push(finding);
  }
  const unread = [...examined.unread, ...python.unread].sort(compareText);
  return {
    onFile: (path) => byFile.get(path) ?? [],
    hintsFor: python.hintsFor,
    notes: [
      ...(examined.dataNotMeasured ? [examined.dataNotMeasured] : []),
      ...(unread.length > 0 ? [describeUnread(unread)] : []),
    ],
  };
}
