/**
 * The Portfolio: the JSON reports of many repositories (`mldebt audit --format json`, one per
 * project) merged into one ranking, and what every `mldebt merge` format renders from.
 * `mldebt merge --format json` serialises exactly this object, so its field names and meanings
 * are a public contract: add fields freely; rename or re-purpose none without bumping
 * {@link PORTFOLIO_SCHEMA_VERSION}.
 *
 * Conventions (those of the Report):
 * - Items are keyed by `project` + `id`: two projects may both have a `DATA-001`.
 * - An owner `null` is "unowned"; a money figure no report declares is `null`, never `0`.
 * - Nothing depends on the wall clock or on the order the reports were given in: the same
 *   reports give byte-identical renderings.
 */
import type { Diagnostic } from './location.js';
import type { GateResult, OwnerSource, ReportWindow } from './report.js';

export const PORTFOLIO_SCHEMA_VERSION = 1 as const;

/** One merged report: the project it audits and what its own audit concluded. */
export interface PortfolioProject {
  project: string;
  /** The report file as it was named to `mldebt merge`. */
  file: string;
  /** The inventory the report was computed from, as the report names it. */
  inventory: string;
  /** The commit the report describes; `null` outside git. */
  head: string | null;
  window: ReportWindow | null;
  /** The mldebt version that wrote the report. */
  toolVersion: string;
  /** Σ score of the project's ranked items (its report's total). */
  score: number;
  items: number;
  /** The report's declared money cost of delay per week; `null` when none of its items declares money. */
  costOfDelayPerWeek: number | null;
  /** The project's own CI gate, as its report recorded it. */
  gate: GateResult;
  /** How many warnings the report carries (they are listed in the portfolio's `warnings`). */
  warnings: number;
}

/** A ranked item of one project, placed in the portfolio's ranking. */
export interface PortfolioItem {
  /** Place in the portfolio, from 1. */
  rank: number;
  project: string;
  /** Place in its own project's report. */
  projectRank: number;
  id: string;
  title: string;
  category: string;
  /** `null` renders as "unowned". */
  owner: string | null;
  /**
   * Where the owner came from: `inventory`, `codeowners` (shown `@team (CODEOWNERS)`), or
   * `null` (unowned, or a report written before reports said).
   */
  ownerSource: OwnerSource | null;
  status: string;
  score: number;
  /** Effective levels 1-5, as the project's audit computed them. */
  risk: number;
  frequency: number;
  costOfDelay: number;
  multiplier: number;
  /** Declared money cost of delay per week; `null` when the item declares a level instead. */
  costOfDelayPerWeek: number | null;
  effortDays: number | null;
  wsjf: number | null;
  due: string | null;
  overdue: boolean;
}

export interface PortfolioTotals {
  /** Σ score of every ranked item of every project, one decimal. */
  score: number;
  items: number;
  projects: number;
  /** Score per project, keys by name. */
  byProject: Record<string, number>;
  /** Score per category across projects, keys by name. */
  byCategory: Record<string, number>;
  /** Score per owner across projects (`unowned` for items without one), keys by name. */
  byOwner: Record<string, number>;
  /** Σ of the projects' weekly money cost of delay; `null` when no report declares money. */
  costOfDelayPerWeek: number | null;
}

/** A report's warning, with the project it belongs to. */
export interface PortfolioWarning extends Diagnostic {
  project: string;
}

export interface Portfolio {
  schemaVersion: typeof PORTFOLIO_SCHEMA_VERSION;
  tool: { name: 'mldebt'; version: string };
  /** Every merged project, by name. */
  projects: PortfolioProject[];
  totals: PortfolioTotals;
  /**
   * Every project's ranked items, ranked together: score desc, then effective cost of delay
   * desc, then effective risk desc (the audit's own tie-breaks, so a project's items keep
   * their order), then project name, then id.
   */
  items: PortfolioItem[];
  /** Names of the projects whose own CI gate failed, by name. */
  failedGates: string[];
  /** Every report's warnings, by project name, each report's in its own order. */
  warnings: PortfolioWarning[];
}
