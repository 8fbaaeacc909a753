/**
 * GitLab Code Quality (a subset of the Code Climate issue format), for the merge-request
 * widget: a JSON array of issues with `description`, `check_name`, `fingerprint`,
 * `severity` and `location` (`path`, `lines.begin`). Published by a GitLab job as
 * `artifacts: reports: codequality`.
 *
 * It lists exactly what SARIF lists, located the same way: the shown items above
 * `fail_above` (every shown item without one), on their hottest file or else their line in
 * the inventory, then every config finding of the shown items on its file and line.
 *
 * Severity, from the gate and the score bands:
 * - an item that fails the gate (score above `fail_above`): `blocker`;
 * - otherwise score ≥ 50: `critical`; ≥ 25: `major`; ≥ 10: `minor`; below: `info`;
 * - config findings: a hardcoded secret `critical`; drift, stale, unversioned `major`; a file
 *   that does not parse `info`.
 *
 * Fingerprints must stay put while the debt does, so GitLab can tell new issues from old: an
 * item's is the project and its id (not its score, rank or file, which move); a finding's adds
 * its kind, file and key (not its line).
 */
import { createHash } from 'node:crypto';
import type { ConfigFindingKind, Report, ScoredItem } from '../../model/index.js';
import { formatFindingLocation } from '../config-findings.js';
import { isHint, selectPracticeFindings } from '../practice-findings.js';
import type { Renderer } from '../format.js';
import {
  describeItem,
  locateItem,
  selectAnnotatedItems,
  selectConfigFindings,
  WARNING_MIN_SCORE,
} from './sarif.js';

export type CodeQualitySeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

/** Score bands below the gate: `critical` from here, `major` from {@link WARNING_MIN_SCORE}. */
export const CRITICAL_MIN_SCORE = 50;
export const MINOR_MIN_SCORE = 10;

const FINDING_SEVERITY: Record<ConfigFindingKind, CodeQualitySeverity> = {
  secret: 'critical',
  drift: 'major',
  stale: 'major',
  unversioned: 'major',
  unparsable: 'info',
};

interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: CodeQualitySeverity;
  location: { path: string; lines: { begin: number } };
}

/** An item's severity: `blocker` when it fails the gate, else by score band. */
export function severityOf(item: ScoredItem, report: Report): CodeQualitySeverity {
  const { failAbove } = report.gate.thresholds;
  if (failAbove !== null && item.score > failAbove) return 'blocker';
  if (item.score >= CRITICAL_MIN_SCORE) return 'critical';
  if (item.score >= WARNING_MIN_SCORE) return 'major';
  if (item.score >= MINOR_MIN_SCORE) return 'minor';
  return 'info';
}

export const renderCodeClimate: Renderer = (report, options) => {
  const issues: CodeQualityIssue[] = [
    ...selectAnnotatedItems(report, options).map((item) => {
      const [where] = locateItem(item, report);
      return {
        description: describeItem(item),
        check_name: `mldebt/${item.category}`,
        fingerprint: fingerprint(report.project, item.id),
        severity: severityOf(item, report),
        location: { path: where!.path, lines: { begin: where!.line } },
      };
    }),
    ...selectConfigFindings(report, options).map(({ item, finding }) => ({
      description: `${item.id}: ${finding.kind} in ${formatFindingLocation(finding)}: ${finding.detail}`,
      check_name: `mldebt/config-${finding.kind}`,
      fingerprint: fingerprint(
        report.project,
        item.id,
        finding.kind,
        finding.file,
        finding.key ?? '',
      ),
      severity: FINDING_SEVERITY[finding.kind],
      location: { path: finding.file, lines: { begin: finding.line ?? 1 } },
    })),
    ...selectPracticeFindings(report, options).map(({ item, finding }) => ({
      description: `${item.id}: ${finding.kind} in ${formatFindingLocation(finding)}: ${finding.detail}`,
      check_name: `mldebt/practice-${finding.kind}`,
      fingerprint: fingerprint(report.project, item.id, `practice-${finding.kind}`, finding.file),
      // Hints are drawn from what was not found: information, not a defect.
      severity: (isHint(finding.kind) ? 'info' : 'minor') as CodeQualitySeverity,
      location: { path: finding.file, lines: { begin: finding.line ?? 1 } },
    })),
  ];
  return `${JSON.stringify(issues, null, 2)}\n`;
};

/** 32 hex digits of SHA-256 over the parts, NUL-separated (no part can run into the next). */
function fingerprint(...parts: string[]): string {
  return createHash('sha256')
    .update(['mldebt/v1', ...parts].join('\0'), 'utf8')
    .digest('hex')
    .slice(0, 32);
}
