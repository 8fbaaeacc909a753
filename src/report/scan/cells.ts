/**
 * How a scan row's figures read in every text format, in one place: a value that was not
 * measured reads "not measured" (or is an empty cell in CSV), never `0`.
 */
import type { ConfigFinding, PracticeFinding } from '../../model/index.js';
import { formatPercent } from '../../util/numbers.js';
import { compareText } from '../../util/text.js';
import { PRACTICE_KINDS } from '../practice-findings.js';
import type { ScanReport, ScanRow } from '../../model/scan.js';

/** The rows a renderer shows: `--top` shortens the list, nothing else. */
export function shownRows(report: ScanReport, top: number | undefined): ScanRow[] {
  return top === undefined ? report.rows : report.rows.slice(0, top);
}

/** Whether config files were examined in this run (the Config column shows only then). */
export function configExamined(report: ScanReport): boolean {
  return report.rows.some((row) => row.configFindings !== null);
}

/** `cov 40%`, `untested`, or `—` when no report measured the row. */
export function describeCoverage(row: ScanRow): string {
  const cov = row.coverage;
  if (cov === null) return '—';
  if (cov.percent !== null) return formatPercent(cov.percent, { whole: true });
  return cov.untestedFiles > 0 ? 'untested' : '—';
}

/** The last change, `before <date>` when the pass reached back that far and saw none. */
export function describeLastChange(row: ScanRow, report: ScanReport): string {
  if (row.lastChange !== null) return row.lastChange;
  if (row.commits === null || report.historyFrom === null) return '—';
  return `before ${report.historyFrom}`;
}

/** The distinct kinds of config findings (`drift, secret`), or `—` for none. */
export function describeConfig(findings: readonly ConfigFinding[] | null): string {
  if (findings === null) return 'not examined';
  const kinds = [...new Set(findings.map((f) => f.kind))].sort();
  return kinds.length === 0 ? '—' : kinds.join(', ');
}

/** Whether any row has a practice finding (the Practices column shows only then). */
export function practicesFound(report: ScanReport): boolean {
  return report.rows.some((row) => (row.practiceFindings?.length ?? 0) > 0);
}

/** The distinct kinds of practice findings (`data-in-git, magic-number`), or `—` for none. */
export function describePractices(findings: readonly PracticeFinding[] | null): string {
  if (findings === null) return 'not examined';
  const kinds = [...new Set(findings.map((f) => f.kind))].sort();
  return kinds.length === 0 ? '—' : kinds.join(', ');
}

/**
 * Every practice finding of the scan, by kind (in the order summaries use) then file: the
 * ranked rows follow failures, so a data file nobody changes would never be shown there.
 */
export function listPracticeFindings(report: ScanReport): PracticeFinding[] {
  const seen = new Set<PracticeFinding>();
  for (const row of report.rows) for (const f of row.practiceFindings ?? []) seen.add(f);
  const order = new Map(PRACTICE_KINDS.map((kind, i) => [kind, i]));
  return [...seen].sort(
    (a, b) =>
      order.get(a.kind)! - order.get(b.kind)! ||
      compareText(a.file, b.file) ||
      (a.line ?? 0) - (b.line ?? 0),
  );
}

/** `undeclared`, or the ids of the items that declare the row. */
export function describeDeclared(row: ScanRow): string {
  return row.undeclared ? 'undeclared' : row.items.join(', ');
}

/** A git figure, or `—` when history was not measured. */
export function describeCount(value: number | null): string {
  return value === null ? '—' : String(value);
}

/** The row's path, with how many files a directory row stands for. */
export function describePath(row: ScanRow): string {
  return row.kind === 'directory' ? `${row.path} (${row.files.length} files)` : row.path;
}

/** The run in one line: window, HEAD, what was scanned. */
export function describeScanScope(report: ScanReport): string {
  const parts: string[] = [];
  parts.push(
    report.window
      ? `window ${report.window.since} → ${report.window.until} (${Math.round(report.window.days)}d)`
      : 'no window',
  );
  if (report.repository.head) parts.push(`HEAD ${report.repository.head.slice(0, 10)}`);
  const { files, hotspots, undeclaredHotspots } = report.totals;
  parts.push(
    `${files} files · ${hotspots} hotspot${hotspots === 1 ? '' : 's'} (${undeclaredHotspots} undeclared)`,
  );
  return parts.join(' · ');
}
