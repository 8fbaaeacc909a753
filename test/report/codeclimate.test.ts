/**
 * GitLab Code Quality: the same items and findings SARIF lists, on the same files, with
 * severities from the gate and score bands and fingerprints that survive score and file moves.
 */
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/index.js';
import { renderCodeClimate, severityOf } from '../../src/report/renderers/codeclimate.js';
import { renderSarif } from '../../src/report/renderers/sarif.js';
import { makeSampleReport } from '../helpers/sample-report.js';

interface Issue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number } };
}

const issuesOf = (report: Report): Issue[] =>
  JSON.parse(renderCodeClimate(report, { color: false })) as Issue[];

describe('codeclimate', () => {
  it('lists what SARIF lists, located on the same files and lines', () => {
    const report = makeSampleReport();
    const issues = issuesOf(report);
    const sarif = JSON.parse(renderSarif(report, { color: false }));
    const results = sarif.runs[0].results as {
      ruleId: string;
      locations: {
        physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
      }[];
    }[];
    expect(issues.map((i) => i.check_name)).toEqual(results.map((r) => r.ruleId));
    expect(issues.map((i) => [i.location.path, i.location.lines.begin])).toEqual(
      results.map((r) => [
        decodeURIComponent(r.locations[0]!.physicalLocation.artifactLocation.uri),
        r.locations[0]!.physicalLocation.region.startLine,
      ]),
    );
    for (const issue of issues) {
      expect(Object.keys(issue).sort()).toEqual([
        'check_name',
        'description',
        'fingerprint',
        'location',
        'severity',
      ]);
      expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(issue.severity);
      expect(issue.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
  });

  it('grades items by the gate, then by score band; a secret is critical', () => {
    const report = makeSampleReport();
    report.gate.thresholds.failAbove = 55;
    const item = report.items[0]!;
    const at = (score: number) => severityOf({ ...item, score }, report);
    expect([at(55.1), at(55), at(50), at(49.9), at(25), at(24.9), at(10), at(9.9)]).toEqual([
      'blocker',
      'critical',
      'critical',
      'major',
      'major',
      'minor',
      'minor',
      'info',
    ]);
    report.gate.thresholds.failAbove = null;
    expect(severityOf({ ...item, score: 120 }, report)).toBe('critical');
    const secret = issuesOf(makeSampleReport()).find(
      (i) => i.check_name === 'mldebt/config-secret',
    )!;
    expect(secret.severity).toBe('critical');
  });

  it("keeps an item's fingerprint while its score, rank and files move, not across projects", () => {
    const report = makeSampleReport();
    const before = issuesOf(report)[0]!;
    const moved = makeSampleReport();
    const item = moved.items.find((i) => `mldebt/${i.category}` === before.check_name)!;
    item.score += 7;
    item.rank += 3;
    if (item.signals.git) item.signals.git.hotFiles.reverse();
    const after = issuesOf(moved).find((i) => i.description.startsWith(item.id))!;
    expect(after.fingerprint).toBe(before.fingerprint);
    const other = makeSampleReport();
    other.project = 'another';
    expect(issuesOf(other)[0]!.fingerprint).not.toBe(before.fingerprint);
  });

  it('is an empty array when nothing is above the threshold', () => {
    const report = makeSampleReport();
    report.gate.thresholds.failAbove = 1000;
    for (const item of report.items) {
      item.signals.config = [];
      item.signals.practices = [];
    }
    expect(renderCodeClimate(report, { color: false })).toBe('[]\n');
  });
});
