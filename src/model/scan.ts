/**
 * The ScanReport: what `mldebt scan` measured per file, ranked by hotspot score, and what
 * every scan format renders from. `mldebt scan --format json` serialises exactly this object.
 *
 * The Report's conventions hold: a signal that was not measured is `null` (and a warning says
 * why), never `0`; dates are `YYYY-MM-DD` (UTC); paths are repository-relative with `/`
 * separators; nothing depends on the wall clock or the machine.
 */
import type { ConfigFinding, Diagnostic, PracticeFinding, ReportWindow } from './index.js';

export const SCAN_SCHEMA_VERSION = 1 as const;

/** Coverage of a row's source files, summed (never a mean of percentages). */
export interface ScanCoverage {
  covered: number;
  coverable: number;
  /** `null` when no coverable line of the row is in a report. */
  percent: number | null;
  /** Source files of a language the reports cover that no report lists (never imported by a test). */
  untestedFiles: number;
  /** Files the reports list. */
  measuredFiles: number;
}

/** One ranked row: a file, or a directory standing for its undeclared hotspot files. */
export interface ScanRow {
  rank: number;
  kind: 'file' | 'directory';
  /** A file's path, or a directory's with a trailing `/` (`src/common/`). */
  path: string;
  /** The files the row stands for (the file itself for a file row), sorted. */
  files: string[];
  /** Git figures over the window; `null` when git history was not measured. */
  commits: number | null;
  /** Failure fix commits (fix pattern, not the exclusion, no bot). */
  fixCommits: number | null;
  authors: number | null;
  /** `null` also when line churn was not measured (`--no-line-churn`, a partial clone). */
  churn: number | null;
  /**
   * Committer date of the newest commit touching it; `null` when git was not measured or no
   * commit since `ScanReport.historyFrom` touched it.
   */
  lastChange: string | null;
  /** `null` when no coverage report was given, or the row has no source file to measure. */
  coverage: ScanCoverage | null;
  /** `null`: configuration files were not examined in this run. */
  configFindings: ConfigFinding[] | null;
  /**
   * ML practice findings on its files, and the hints drawn from its top-level directory's
   * files that sit on them; `null`: not examined in this run.
   */
  practiceFindings: PracticeFinding[] | null;
  /**
   * Whether no inventory item's globs select its files (without an inventory, nothing is
   * declared: every row is undeclared).
   */
  undeclared: boolean;
  /** Ids of the inventory items whose globs select any of its files, sorted. */
  items: string[];
  /** A file with at least one failure fix commit in the window (a directory: one of its files). */
  hotspot: boolean;
  /** See `src/scoring/hotspot.ts`: fixes × (1 + uncovered share) × (1 + 0.5 × config finding kinds). */
  score: number;
  /** The member with the highest score (the file itself for a file row). */
  hottestFile: string;
}

export interface ScanReport {
  schemaVersion: typeof SCAN_SCHEMA_VERSION;
  tool: { name: 'mldebt'; version: string };
  /** The inventory's project, or `null` when the scan ran without an inventory. */
  project: string | null;
  /** The inventory file used to mark files declared, or `null`. */
  inventory: string | null;
  repository: { head: string | null; git: boolean; shallow: boolean };
  window: ReportWindow | null;
  /** How far back the history pass reached for last-change dates (`null` without history). */
  historyFrom: string | null;
  settings: {
    window: string;
    lineChurn: boolean;
    coverageReports: string[];
    fixPattern: string;
    fixExclude: string | null;
    bots: string[];
    coverageFloor: number;
    frequencyLevels: number[];
  };
  totals: {
    /** Tracked files scanned (at HEAD, or on disk outside git). */
    files: number;
    /** Files with a failure fix commit in the window. */
    hotspots: number;
    /** Hotspot files no inventory item covers (all of them without an inventory). */
    undeclaredHotspots: number;
  };
  /** Every ranked row; `--top` shortens what renderers show, never this list. */
  rows: ScanRow[];
  warnings: Diagnostic[];
  notes: Diagnostic[];
}
