/**
 * The evidence gathered for one item, as every output format shows it. A signal that was not
 * measured is `null` (and a diagnostic says why), never `0`.
 */

/** A fix commit counted as a failure event. */
export interface FixCommit {
  /** Abbreviated commit hash (as `git log %h` prints it). */
  commit: string;
  date: string;
  subject: string;
}

export interface HotFile {
  path: string;
  commits: number;
  fixCommits: number;
}

/** Git evidence for one item, over the window. */
export interface GitSignal {
  commits: number;
  /**
   * Fix commits that are failure events: the subject matches `fix_pattern` and not
   * `fix_exclude`, and the author is not a bot.
   */
  fixCommits: number;
  /** How many of those fix commits also touch another ranked item's paths. */
  sharedFixCommits: number;
  /** Distinct author emails, `.mailmap` applied; bots are not authors. */
  authors: number;
  /** Lines added + deleted; `null` when line churn was not measured (`--no-line-churn`). */
  churn: number | null;
  /** Committer date of the newest commit touching the item, even if older than the window. */
  lastChange: string | null;
  /** Fix commits per UTC month (`YYYY-MM`), months without fixes omitted. */
  fixesByMonth: Record<string, number>;
  /** Files the item's globs match at HEAD or in the window's history. */
  matchedFiles: number;
  /** The item's most-changed files in the window, most commits first (at most 5). */
  hotFiles: HotFile[];
  /** Every fix commit counted, newest first. */
  fixes: FixCommit[];
}

/** Coverage evidence for one item. `percent` is null when nothing was coverable. */
export interface CoverageSignal {
  covered: number;
  coverable: number;
  percent: number | null;
  /** The item's files found in no coverage report. */
  unmeasuredFiles: string[];
  /** How many of the item's files have coverage data (are listed in some report). */
  measuredFiles: number;
  /**
   * The unmeasured files whose extension the reports cover: files of a language the run
   * measured that no report lists, i.e. untested (a module the tests never imported). The
   * other unmeasured files are of a language no report covers: not measured, not untested.
   */
  untestedFiles: string[];
  /** Which report contributed which files, for `explain`. */
  sources: { report: string; files: string[] }[];
}

/**
 * What is wrong with a configuration file. `drift`, `secret`, `stale` and `unversioned` each
 * raise the item's risk by one; `unparsable` (a file of a config type that does not parse) is
 * shown but raises nothing: a malformed file is a finding, not a crash.
 */
export type ConfigFindingKind = 'drift' | 'secret' | 'stale' | 'unversioned' | 'unparsable';

/** One finding on one configuration file. Never carries a value read from the file. */
export interface ConfigFinding {
  kind: ConfigFindingKind;
  /** Repository-relative path of the file. */
  file: string;
  /** 1-based line the finding is about (a secret's key, a parse error), or null for the whole file. */
  line: number | null;
  /** Dotted key path of a secret (`db.password`, `servers[0].token`); null for the other kinds. */
  key: string | null;
  /** Human-readable detail; never contains a value of the file. */
  detail: string;
}

/**
 * The CODEOWNERS rule owning an item's hottest file (its first file at HEAD when nothing of it
 * changed in the window). An item without a declared owner takes the rule's first owner.
 */
export interface CodeownersMatch {
  /** The CODEOWNERS file, repository-relative (`.github/CODEOWNERS`). */
  file: string;
  /** 1-based line of the rule. */
  line: number;
  pattern: string;
  /** The file the rule was matched against. */
  path: string;
  /** The rule's owners, as written; `[]`: the rule leaves the file unowned. */
  owners: string[];
}

/**
 * Kinds of ML practice finding (src/signals/practices): evidence of a practice the repository
 * lacks. The two `no-*` kinds are hints drawn from what was *not* found near training or
 * data-loading code; they describe files, never the team.
 * - `data-in-git`: a data or model file (by extension, and size for tabular text) tracked
 *   in git outside any Git LFS rule or DVC output;
 * - `unpinned-dependency`: an environment file declaring dependencies without a version
 *   bound while the repository has no lock file;
 * - `no-tracking`: training code with no experiment-tracking import;
 * - `no-validation`: data-loading code with no data-validation import;
 * - `magic-number`: literal hyperparameters (learning rate, batch size, seed, threshold)
 *   assigned in training or serving code instead of read from configuration.
 */
export type PracticeFindingKind =
  'data-in-git' | 'unpinned-dependency' | 'no-tracking' | 'no-validation' | 'magic-number';

/** One practice finding on one file. Never carries a secret or a value beyond the detail's evidence. */
export interface PracticeFinding {
  kind: PracticeFindingKind;
  /** Repository-relative path of the file the finding is about. */
  file: string;
  /** 1-based line of the first occurrence, or null for the whole file. */
  line: number | null;
  /**
   * How many occurrences the finding stands for: unpinned packages in the file, magic numbers
   * in the file; 1 for a data file or a hint.
   */
  count: number;
  /** Human-readable evidence (`12.4 MB parquet, no LFS rule or DVC output covers it`). */
  detail: string;
}

export interface ItemSignals {
  /** `null`: not measured, and {@link gitNotMeasured} says why. */
  git: GitSignal | null;
  /**
   * Why `git` is null: `no paths`, `no file` (its globs select no tracked file and no path
   * changed in the window), `not a git repository`, `no commit yet`; null when measured.
   */
  gitNotMeasured: string | null;
  /** The item's globs (as written) that match no tracked file and no path changed in the window. */
  deadGlobs: string[];
  /** `null`: no coverage report was given. */
  coverage: CoverageSignal | null;
  /**
   * Findings on the configuration files among the item's files, ordered by file, kind, line;
   * `[]` when there is nothing to report; `null` when they were not examined (no paths).
   */
  config: ConfigFinding[] | null;
  /**
   * ML practice findings on the item's files (data files in git, unpinned environments,
   * magic numbers) and hints drawn from its files (no tracking or validation import), ordered
   * by file, kind, line; `[]` when there is nothing to report; `null` when they were not
   * examined (no paths).
   */
  practices: PracticeFinding[] | null;
  /**
   * The CODEOWNERS rule owning the item's hottest file; `null` when the repository has no
   * CODEOWNERS file, the item has no file, or no rule matches.
   */
  codeowners: CodeownersMatch | null;
}

export interface Incident {
  date: string;
  ref: string | null;
  summary: string | null;
  /** Whether the incident falls inside the window (only those count as events). */
  inWindow: boolean;
  /**
   * Where it was read: `inventory` for the item's own `incidents`, or the incident export file
   * as the user named it (`settings.incidents`, `--incidents`).
   */
  source: string;
}
