/**
 * The terminal view of a scan: a header with the window and totals, the ranked rows, and a
 * footer with every warning and note. Colors only when the CLI says so.
 */
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import {
  configExamined,
  describeConfig,
  describeCount,
  describeCoverage,
  describeDeclared,
  describeLastChange,
  describePath,
  describePractices,
  describeScanScope,
  listPracticeFindings,
  practicesFound,
  shownRows,
} from './cells.js';
import type { ScanRenderer } from './index.js';
import { formatFindingLocation } from '../config-findings.js';

/** Practice findings the terminal lists below the table; the other formats list them all. */
const MAX_PRACTICES_LISTED = 20;

export const renderScanTable: ScanRenderer = (report, options) => {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const rows = shownRows(report, options.top);
  const withConfig = configExamined(report);
  const withPractices = practicesFound(report);
  const name = report.project === null ? '' : ` · ${report.project}`;
  const lines = [c.bold(`mldebt scan${name} · ${describeScanScope(report)}`)];
  const head = [
    '#',
    'Path',
    'Score',
    'Fixes',
    'Commits',
    'Authors',
    'Churn',
    'Last change',
    'Coverage',
    ...(withConfig ? ['Config'] : []),
    ...(withPractices ? ['Practices'] : []),
    'Declared',
  ];
  const table = new Table({
    head: head.map((h) => c.bold(h)),
    style: { head: [], border: [], compact: true },
    wordWrap: false,
  });
  for (const row of rows) {
    table.push([
      String(row.rank),
      describePath(row),
      c.bold(row.score.toFixed(1)),
      describeCount(row.fixCommits),
      describeCount(row.commits),
      describeCount(row.authors),
      describeCount(row.churn),
      describeLastChange(row, report),
      describeCoverage(row),
      ...(withConfig ? [describeConfig(row.configFindings)] : []),
      ...(withPractices ? [describePractices(row.practiceFindings)] : []),
      row.undeclared && row.hotspot ? c.yellow(describeDeclared(row)) : describeDeclared(row),
    ]);
  }
  lines.push(rows.length > 0 ? table.toString() : 'no file to scan');
  if (rows.length < report.rows.length) {
    lines.push(c.dim(`… ${report.rows.length - rows.length} more (--top ${options.top})`));
  }
  const practices = listPracticeFindings(report);
  if (practices.length > 0) {
    lines.push(c.bold(`ML practice findings (${practices.length}):`));
    for (const f of practices.slice(0, MAX_PRACTICES_LISTED)) {
      lines.push(`  ${f.kind}  ${formatFindingLocation(f)}  ${f.detail}`);
    }
    if (practices.length > MAX_PRACTICES_LISTED) {
      lines.push(
        c.dim(
          `  … ${practices.length - MAX_PRACTICES_LISTED} more (--format json or markdown lists them)`,
        ),
      );
    }
  }
  for (const w of report.warnings) lines.push(c.yellow(`warning: ${w.message}`));
  for (const n of report.notes) lines.push(c.dim(`note: ${n.message}`));
  return `${lines.join('\n')}\n`;
};
