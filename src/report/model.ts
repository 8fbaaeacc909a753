/**
 * The Report model: the one structure every output format renders from.
 *
 * `mldebt audit --format json` serialises exactly this object, and scripts depend on it,
 * so field names and meanings are a public contract (SPEC §5). Add fields freely; rename or
 * re-purpose none without bumping {@link REPORT_SCHEMA_VERSION}.
 *
 * Conventions:
 * - A signal that was not measured is `null` and a warning says why; never `0`.
 * - Dates are `YYYY-MM-DD` (UTC); paths are repository-relative with `/` separators.
 * - Nothing in a Report depends on the wall clock or on the machine it was made on, so the
 *   same commit and inventory give byte-identical renderings.
 */

export const REPORT_SCHEMA_VERSION = 1 as const;

/** Where something sits in a file the user wrote (1-based line and column). */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** A problem or fact about the run that every renderer shows (SPEC: never silent). */
export interface Diagnostic {
  /** Stable machine-readable code, e.g. `shallow-history`, `glob-no-match`, `no-paths`. */
  code: string;
  message: string;
  /** The inventory item the diagnostic concerns, when there is one. */
  itemId?: string;
  location?: SourceLocation;
}

export interface ReportWindow {
  /** First day of the window, inclusive. */
  since: string;
  /** Last day of the window, inclusive: HEAD's committer date unless `--until` says otherwise. */
  until: string;
  /** Window length in days (the unit observed frequency is normalised from). */
  days: number;
}

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

/** Coverage evidence for one item (SPEC §4). `percent` is null when nothing was coverable. */
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

export type ConfigFindingKind = 'drift' | 'secret' | 'stale' | 'unversioned';

export interface ConfigFinding {
  kind: ConfigFindingKind;
  file: string;
  /** Human-readable detail; never contains a secret's value. */
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
  /** `null`: config files were not examined. */
  config: ConfigFinding[] | null;
}

export interface Incident {
  date: string;
  ref: string | null;
  summary: string | null;
  /** Whether the incident falls inside the window (only those count as events). */
  inWindow: boolean;
}

export interface MoneyPerWeek {
  amount: number;
  per: 'day' | 'week' | 'month' | 'year';
  /** The declared amount converted to a week (7 days a week, 52 weeks a year). */
  perWeek: number;
}

export interface ScoredItem {
  rank: number;
  id: string;
  title: string;
  category: string;
  /** `null` renders as "unowned". */
  owner: string | null;
  status: 'open' | 'in-progress';
  score: number;
  risk: { declared: number; effective: number; reasons: string[] };
  frequency: {
    declared: number | null;
    /** Level from observed events; `null` when git history was not measured. */
    observed: number | null;
    effective: number;
    /** Fix commits + incidents in the window; `null` when git history was not measured. */
    events: number | null;
    /** Events per 30 days over the window. */
    ratePer30Days: number | null;
    reasons: string[];
  };
  costOfDelay: {
    declared: number | null;
    money: MoneyPerWeek | null;
    effective: number;
    reasons: string[];
  };
  multiplier: number;
  /** Tag multipliers that applied, e.g. `{ compliance: 1.5 }`. */
  multipliers: Record<string, number>;
  effortDays: number | null;
  /** priority / effort in days, one decimal; `null` without effort. */
  wsjf: number | null;
  due: string | null;
  overdue: boolean;
  created: string | null;
  tags: string[];
  paths: string[];
  incidents: Incident[];
  evidence: string | null;
  fix: string | null;
  /** The item's `- id:` line in the inventory (SARIF falls back to it). */
  location: SourceLocation | null;
  signals: ItemSignals;
}

export interface NotRankedItem {
  id: string;
  title: string;
  category: string;
  owner: string | null;
  status: 'accepted' | 'resolved';
}

export interface Totals {
  score: number;
  items: number;
  byCategory: Record<string, number>;
  /** Σ declared money cost of delay per week over ranked items; `null` when none declares money. */
  costOfDelayPerWeek: number | null;
}

export interface GateResult {
  passed: boolean;
  /** One line per offence, e.g. `DATA-001 score 60.0 > 50`. */
  reasons: string[];
  thresholds: { failAbove: number | null; failTotalAbove: number | null; failOnIncrease: boolean };
}

export interface ItemDelta {
  id: string;
  /** `renamed`: the id is new but a baseline item that vanished had the same title. */
  status: 'new' | 'resolved' | 'changed' | 'unchanged' | 'renamed';
  /** For `renamed`: the id the item had in the baseline. */
  previousId?: string;
  previous: number | null;
  current: number | null;
  /** current − previous, one decimal; `null` for new and resolved items. */
  delta: number | null;
}

export interface BaselineComparison {
  file: string;
  previousTotal: number;
  totalDelta: number;
  items: ItemDelta[];
}

export interface Report {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  tool: { name: 'mldebt'; version: string };
  project: string;
  /** The inventory file, relative to the repository root when inside it. */
  inventory: string;
  repository: {
    /** Commit the audit describes; `null` outside git or in an empty repository. */
    head: string | null;
    git: boolean;
    shallow: boolean;
  };
  /** `null` when there is no commit to anchor the window (empty repository, no git). */
  window: ReportWindow | null;
  /** The settings the scores were computed with: a baseline with others is not comparable. */
  settings: {
    coverageFloor: number;
    /** Whether churn was measured (not with --no-line-churn, nor in a partial clone). */
    lineChurn: boolean;
    coverageReports: string[];
    /** The window as asked for: a duration (`180d`, `6m`) or a start date. */
    window: string;
    fixPattern: string;
    /** `null`: the exclusion rule is off. */
    fixExclude: string | null;
    bots: string[];
    frequencyLevels: number[];
    costLevels: number[];
    tagMultipliers: Record<string, number>;
  };
  totals: Totals;
  items: ScoredItem[];
  notRanked: NotRankedItem[];
  warnings: Diagnostic[];
  /** Informational notes (e.g. a repository younger than the window); not warnings. */
  notes: Diagnostic[];
  gate: GateResult;
  baseline: BaselineComparison | null;
}
