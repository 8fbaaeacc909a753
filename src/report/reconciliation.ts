/**
 * The Reconciliation section's sentences, shared by markdown and HTML: one row per finding,
 * as plain text each renderer escapes its own way.
 */
import type { ReconciliationFinding } from '../model/index.js';
import { plural } from '../util/text.js';

/** One finding as a row: what kind, about what, the evidence, and what to do. */
export interface ReconciliationRow {
  kind: string;
  /** The item id, or the path of an undeclared hotspot. */
  subject: string;
  /** Whether `subject` is a path (shown as code) rather than an item id. */
  subjectIsPath: boolean;
  evidence: string;
  action: string;
}

/** The sentence that introduces the section. */
export const RECONCILIATION_INTRO =
  'Where the inventory and the repository history disagree (each is also listed under warnings).';

/** A finding as a row of the section. */
export function describeReconciliation(finding: ReconciliationFinding): ReconciliationRow {
  switch (finding.code) {
    case 'resolved-still-failing': {
      const { first, last } = finding;
      const range =
        finding.fixCommits === 1
          ? `${first.commit.slice(0, 7)} on ${first.date}`
          : `${first.commit.slice(0, 7)} on ${first.date} … ${last.commit.slice(0, 7)} on ${last.date}`;
      return {
        kind: 'Resolved, still failing',
        subject: finding.itemId,
        subjectIsPath: false,
        evidence: `resolved ${finding.resolved}; ${plural(finding.fixCommits, 'fix commit')} from ${finding.countedFrom} (${range})`,
        action: 'reopen it if the debt is back',
      };
    }
    case 'dead-item':
      return {
        kind: 'Dead item',
        subject: finding.itemId,
        subjectIsPath: false,
        evidence: `${finding.globs.join(', ')} ${finding.globs.length === 1 ? 'matches' : 'match'} nothing at HEAD or in the window`,
        action: 'fix its paths, or resolve it if the code is gone',
      };
    case 'undeclared-hotspot':
      return {
        kind: 'Undeclared hotspot',
        subject: finding.path,
        subjectIsPath: true,
        evidence:
          `${plural(finding.fixCommits, 'fix commit')} in the window` +
          (finding.kind === 'directory' ? ` over ${plural(finding.files.length, 'file')}` : ''),
        action: 'run `mldebt init --append` to add it',
      };
  }
}
