/**
 * Merging mapped reports into one index, and answering for an item's files. Pure.
 *
 * Merge rule: a line is coverable if any report lists it, covered if any report
 * hit it, so running unit and integration suites into separate reports never lowers
 * coverage. Totals-only entries (coverage-summary.json, some lcov records) cannot be merged
 * line by line: they count only when no report has line data for the file, and among
 * several the best-covered one stands (the closest to "covered in any report").
 *
 * Item coverage is Σ covered / Σ coverable over the item's measured files, never a mean of
 * per-file percentages (a 2-line file must not weigh as much as a 2,000-line one).
 */
import type { CoverageSignal } from '../../model/index.js';
import { extensionOf } from './file-extension.js';
import type { MappedReport } from './map-paths.js';
import type { CoverageIndex, MergedFileCoverage, ReportSummary } from './types.js';
import { roundToTenth } from '../../util/numbers.js';
import { compareText } from '../../util/text.js';

interface Accumulated {
  /** Line -> hit in some report; null until a report with line data names the file. */
  lines: Map<number, boolean> | null;
  lineReports: string[];
  totals: { covered: number; coverable: number; report: string } | null;
}

/** Folds reports in one at a time, so each raw report can be released once it is merged. */
export interface CoverageMerger {
  add(report: MappedReport): void;
  finish(): CoverageIndex;
}

/** Starts an empty merge. */
export function createCoverageMerger(): CoverageMerger {
  const reports: ReportSummary[] = [];
  const byFile = new Map<string, Accumulated>();

  return {
    add({ summary, files }) {
      reports.push(summary);
      for (const [path, hits] of files) {
        let entry = byFile.get(path);
        if (!entry) {
          entry = { lines: null, lineReports: [], totals: null };
          byFile.set(path, entry);
        }
        if (hits.kind === 'lines') {
          entry.lines ??= new Map();
          for (const [line, count] of hits.lines) {
            entry.lines.set(line, entry.lines.get(line) === true || count > 0);
          }
          entry.lineReports.push(summary.file);
        } else {
          // Readers refuse a totals entry covering more than it has; one built through the
          // API is clamped here, so no path around the readers breaks covered <= coverable.
          const covered = Math.min(hits.covered, hits.coverable);
          if (
            !entry.totals ||
            covered > entry.totals.covered ||
            (covered === entry.totals.covered && hits.coverable > entry.totals.coverable)
          ) {
            entry.totals = { covered, coverable: hits.coverable, report: summary.file };
          }
        }
      }
    },
    finish() {
      const files = new Map<string, MergedFileCoverage>();
      const extensions = new Set<string>();
      for (const [path, entry] of [...byFile].sort(([a], [b]) => compareText(a, b))) {
        files.set(path, summarise(entry));
        const extension = extensionOf(path);
        if (extension !== null) extensions.add(extension);
      }
      return { reports: [...reports], files, extensions };
    },
  };
}

function summarise(entry: Accumulated): MergedFileCoverage {
  if (entry.lines) {
    let covered = 0;
    for (const hit of entry.lines.values()) if (hit) covered++;
    return { covered, coverable: entry.lines.size, reports: [...new Set(entry.lineReports)] };
  }
  const totals = entry.totals ?? { covered: 0, coverable: 0, report: '' };
  return { covered: totals.covered, coverable: totals.coverable, reports: [totals.report] };
}

/**
 * Coverage of one item: its files' covered and coverable lines summed over the files found
 * in the reports; the others are listed as unmeasured, and those of them whose extension
 * some report's files have (a language the run measured) also as untested.
 *
 * @param files the item's repository-relative files
 */
export function coverageForFiles(index: CoverageIndex, files: readonly string[]): CoverageSignal {
  let covered = 0;
  let coverable = 0;
  let measured = 0;
  const unmeasured: string[] = [];
  const untested: string[] = [];
  const byReport = new Map<string, string[]>();
  for (const file of [...new Set(files)].sort(compareText)) {
    const coverage = index.files.get(file);
    if (!coverage) {
      unmeasured.push(file);
      const extension = extensionOf(file);
      if (extension !== null && index.extensions.has(extension)) untested.push(file);
      continue;
    }
    measured++;
    covered += coverage.covered;
    coverable += coverage.coverable;
    for (const report of coverage.reports) {
      const list = byReport.get(report);
      if (list) list.push(file);
      else byReport.set(report, [file]);
    }
  }
  // Sources in the order the reports were given, so `explain` reads like the command line.
  const sources = index.reports
    .filter((report) => byReport.has(report.file))
    .map((report) => ({ report: report.file, files: byReport.get(report.file) ?? [] }));
  return {
    covered,
    coverable,
    percent: coverable === 0 ? null : roundToTenth((100 * covered) / coverable),
    unmeasuredFiles: unmeasured,
    measuredFiles: measured,
    untestedFiles: untested,
    sources,
  };
}
