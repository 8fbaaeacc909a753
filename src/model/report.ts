/**
 * The Report model: the one structure every output format renders from.
 *
 * `mldebt audit --format json` serialises exactly this object, and scripts depend on it,
 * so field names and meanings are a public contract. Add fields freely; rename or
 * re-purpose none without bumping {@link REPORT_SCHEMA_VERSION}.
 *
 * Conventions:
 * - A signal that was not measured is `null` and a warning says why; never `0`.
 * - Dates are `YYYY-MM-DD` (UTC); paths are repository-relative with `/` separators.
 * - Nothing in a Report depends on the wall clock or on the machine it was made on, so the
 *   same commit and inventory give byte-identical renderings.
 */

import type { Diagnostic, SourceLocation } from './location.js';
import type { FixCommit, Incident, ItemSignals, PracticeFindingKind } from './signals.js';

export const REPORT_SCHEMA_VERSION = 1 as const;

/** The window as instants: both ends inclusive, epoch milliseconds; `days` its length. */
export interface WindowBounds {
  sinceMs: number;
  untilMs: number;
  days: number;
}

export interface ReportWindow {
  /** First day of the window, inclusive. */
  since: string;
  /** Last day of the window, inclusive: HEAD's committer date unless `--until` says otherwise. */
  until: string;
  /** Window length in days (the unit observed frequency is normalised from). */
  days: number;
}

export interface MoneyPerWeek {
  amount: number;
  per: 'day' | 'week' | 'month' | 'year';
  /** The declared amount converted to a week (7 days a week, 52 weeks a year). */
  perWeek: number;
}

/** Where an item's owner came from. */
export type OwnerSource = 'inventory' | 'codeowners';

export interface ScoredItem {
  rank: number;
  id: string;
  title: string;
  category: string;
  /** `null` renders as "unowned". */
  owner: string | null;
  /**
   * Where `owner` came from: the inventory, or CODEOWNERS (the first owner of the rule in
   * `signals.codeowners`); `null` when unowned.
   */
  ownerSource: OwnerSource | null;
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
  /** As for ranked items; a not-ranked item's CODEOWNERS rule is its first file's at HEAD. */
  ownerSource: OwnerSource | null;
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

/**
 * An item resolved on a day whose paths received failure fix commits after it: the debt may
 * not be gone. Counted inside the window only.
 */
export interface ResolvedStillFailing {
  code: 'resolved-still-failing';
  itemId: string;
  /** The item's `resolved:` day. */
  resolved: string;
  /**
   * The first day counted: the day after `resolved`, or the window's first day when the item
   * was resolved before the window (older fixes are not counted).
   */
  countedFrom: string;
  /** Failure fix commits to its paths from `countedFrom` to the window's end. */
  fixCommits: number;
  /** The oldest and the newest of them. */
  first: FixCommit;
  last: FixCommit;
  message: string;
}

/**
 * An open or in-progress item none of whose globs matches a file at HEAD or a path changed in
 * the window: it measures nothing (its paths are wrong, or the code is gone).
 */
export interface DeadItem {
  code: 'dead-item';
  itemId: string;
  /** Its globs, as written. */
  globs: string[];
  message: string;
}

/**
 * One of the top 3 hotspots of `mldebt scan` (a file, or a directory standing for its files)
 * with failure fix commits in the window that no inventory item's globs cover.
 */
export interface UndeclaredHotspot {
  code: 'undeclared-hotspot';
  /** Always null: no item covers it (present so every finding has the field). */
  itemId: null;
  /** 1-3: its place among the undeclared hotspots, by scan's order. */
  rank: number;
  kind: 'file' | 'directory';
  /** A file's path, or a directory's with a trailing `/`. */
  path: string;
  /** The files it stands for (the file itself for a file). */
  files: string[];
  fixCommits: number;
  commits: number;
  message: string;
}

/** Where the inventory and the repository's history disagree; each is also a warning. */
export type ReconciliationFinding = ResolvedStillFailing | DeadItem | UndeclaredHotspot;

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
    /** How much each kind of ML practice finding raises risk (`settings.practices.risk`). */
    practiceRisk: Record<PracticeFindingKind, number>;
  };
  /**
   * The `--category` / `--owner` the run ranked (null: every item): a report of a selection
   * covers part of its project, which a baseline or a portfolio must know.
   */
  selection: { category: string | null; owner: string | null };
  totals: Totals;
  items: ScoredItem[];
  notRanked: NotRankedItem[];
  warnings: Diagnostic[];
  /** Informational notes (e.g. a repository younger than the window); not warnings. */
  notes: Diagnostic[];
  gate: GateResult;
  baseline: BaselineComparison | null;
  /**
   * Where the inventory and the history disagree: resolved items still being fixed, open items
   * whose paths match nothing, hotspots no item declares (in that order). Each is also in
   * `warnings` with the same code and message. `[]` when git history was not measured.
   */
  reconciliation: ReconciliationFinding[];
}
