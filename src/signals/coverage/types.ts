/**
 * The contract between coverage readers and the rest of mldebt.
 *
 * Readers turn one report file into per-file line hits keyed by the path the report wrote;
 * `collectCoverage` maps those paths onto repository files and merges reports (a line
 * covered in any report is covered); `coverageForFiles` answers for one item's files.
 */

export type CoverageFormat =
  | 'lcov'
  | 'cobertura'
  | 'jacoco'
  | 'clover'
  | 'coveragepy-json'
  | 'istanbul-final'
  | 'istanbul-summary'
  | 'go';

/** One report as read, before path mapping. */
export interface RawCoverageReport {
  /** The report file as the user named it. */
  file: string;
  format: CoverageFormat;
  /**
   * Source roots the report declares (Cobertura `<sources>`), tried as path prefixes.
   * Empty for formats without them.
   */
  sourceRoots: string[];
  /**
   * Per report path: either exact line hits (line number -> hit count), or, for formats that
   * only carry totals (Istanbul's coverage-summary.json), `{ covered, coverable }`.
   */
  files: Map<string, FileHits>;
}

export type FileHits =
  | { kind: 'lines'; lines: Map<number, number> }
  | { kind: 'totals'; covered: number; coverable: number };

export interface ReportSummary {
  file: string;
  format: CoverageFormat;
  /** File entries in the report. */
  entries: number;
  /** Entries mapped to a tracked repository file. */
  mapped: number;
  /** Report paths that matched no repository file (at most 20 listed). */
  unmapped: string[];
  unmappedCount: number;
}

/** Merged, repository-relative coverage from every report given. */
export interface CoverageIndex {
  reports: ReportSummary[];
  /** Repo-relative path -> merged coverage of that file, with the reports that contributed. */
  files: Map<string, MergedFileCoverage>;
  /**
   * The extensions (lower-cased, without the dot) of the files above: the languages the
   * reports measured. An item file with one of them that no report lists is untested; one
   * with another extension is of a language no report covers, merely not measured.
   */
  extensions: ReadonlySet<string>;
}

export interface MergedFileCoverage {
  covered: number;
  coverable: number;
  reports: string[];
}
