/**
 * The portfolio (`mldebt merge`): many projects' reports ranked as one. Pure: reports in, a
 * Portfolio out; nothing here reads files or the clock.
 *
 * Scores of two projects can be ranked together only when they were computed by the same
 * rules, so the reports must agree on every setting that enters a score (see
 * {@link checkComparable}). The window's length does not: observed frequency is a rate per
 * 30 days, so a 90-day and a 180-day window give comparable levels.
 *
 * Nothing depends on the order the reports come in: projects are taken by name, items by the
 * ranking rule below, so the same reports always give the same Portfolio.
 */
import { UserError } from '../errors.js';
import type { Diagnostic, GateResult, OwnerSource, ReportWindow } from '../model/index.js';
import {
  PORTFOLIO_SCHEMA_VERSION,
  type Portfolio,
  type PortfolioItem,
  type PortfolioProject,
  type PortfolioWarning,
} from '../model/portfolio.js';
import { roundTo, roundToTenth } from '../util/numbers.js';
import { compareText } from '../util/text.js';

/** The settings of a report that enter its scores. */
export interface ScoringSettingsRecord {
  fixPattern: string;
  fixExclude: string | null;
  bots: string[];
  coverageFloor: number;
  frequencyLevels: number[];
  costLevels: number[];
  tagMultipliers: Record<string, number>;
  /** How much each kind of practice finding raises risk; absent from older reports. */
  practiceRisk?: Record<string, number>;
}

/** What the portfolio reads of a ranked item: a Report's item, or the same fields from JSON. */
export interface ItemToMerge {
  rank: number;
  id: string;
  title: string;
  category: string;
  owner: string | null;
  ownerSource?: OwnerSource | null;
  status: string;
  score: number;
  risk: { effective: number };
  frequency: { effective: number };
  costOfDelay: { effective: number; money: { perWeek: number } | null };
  multiplier: number;
  effortDays: number | null;
  wsjf: number | null;
  due: string | null;
  overdue: boolean;
}

/** What the portfolio reads of a report: a Report satisfies it, and so does a parsed JSON report. */
export interface ReportToMerge {
  tool: { version: string };
  project: string;
  inventory: string;
  repository: { head: string | null };
  window: ReportWindow | null;
  settings: ScoringSettingsRecord;
  totals: { items: number };
  items: ItemToMerge[];
  warnings: Diagnostic[];
  gate: GateResult;
}

/** A report and its file, as the user named it (every message names the file). */
export interface NamedReport {
  file: string;
  report: ReportToMerge;
}

/** How each scoring setting is compared; a list whose order carries no meaning is a set. */
const SCORING_SETTINGS: {
  key: keyof ScoringSettingsRecord;
  kind: 'value' | 'set' | 'record';
}[] = [
  { key: 'fixPattern', kind: 'value' },
  { key: 'fixExclude', kind: 'value' },
  { key: 'bots', kind: 'set' },
  { key: 'coverageFloor', kind: 'value' },
  { key: 'frequencyLevels', kind: 'value' },
  { key: 'costLevels', kind: 'value' },
  { key: 'tagMultipliers', kind: 'record' },
  { key: 'practiceRisk', kind: 'record' },
];

/** Values in messages are cut here: a long fix pattern still leaves a one-line message. */
const MAX_SHOWN_VALUE = 80;

/** The reports by project name, then file: the one order every later step relies on. */
export function sortReports<T extends NamedReport>(reports: readonly T[]): T[] {
  return [...reports].sort(
    (a, b) => compareText(a.report.project, b.report.project) || compareText(a.file, b.file),
  );
}

/**
 * Refuses reports that cannot be ranked together: two of the same project (both files named),
 * or scoring settings that differ from the first report's (by project name), naming the
 * setting and both values. The same reports in any order give the same message.
 *
 * @throws UserError, one line naming the files
 */
export function checkComparable(reports: readonly NamedReport[]): void {
  const sorted = sortReports(reports);
  for (let i = 1; i < sorted.length; i++) {
    const [previous, current] = [sorted[i - 1]!, sorted[i]!];
    if (previous.report.project === current.report.project) {
      throw new UserError(
        `${current.file}: project ${JSON.stringify(current.report.project)} is also ${previous.file}'s: ` +
          'merge one report per project',
      );
    }
  }
  const [reference, ...others] = sorted;
  if (reference === undefined) return;
  for (const other of others) {
    const difference = findSettingDifference(reference.report.settings, other.report.settings);
    if (difference === null) continue;
    throw new UserError(
      `${other.file}: settings.${difference.name} ${difference.theirs} differs from ` +
        `${reference.file}'s ${difference.ours}: scores are not comparable`,
    );
  }
}

/** The first scoring setting that differs, with both values as a message shows them. */
function findSettingDifference(
  reference: ScoringSettingsRecord,
  other: ScoringSettingsRecord,
): { name: string; ours: string; theirs: string } | null {
  for (const { key, kind } of SCORING_SETTINGS) {
    const ours = reference[key];
    const theirs = other[key];
    // A report written before a setting was recorded is not compared on it.
    if (ours === undefined || theirs === undefined) continue;
    if (kind === 'record') {
      const a = ours as Record<string, number>;
      const b = theirs as Record<string, number>;
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(compareText);
      const differing = keys.find((name) => a[name] !== b[name]);
      if (differing === undefined) continue;
      return {
        name: `${key}.${differing}`,
        ours: showValue(a[differing]),
        theirs: showValue(b[differing]),
      };
    }
    const normalise = (value: unknown) =>
      kind === 'set' ? [...(value as string[])].sort(compareText) : value;
    if (JSON.stringify(normalise(ours)) === JSON.stringify(normalise(theirs))) continue;
    return { name: key, ours: showValue(ours), theirs: showValue(theirs) };
  }
  return null;
}

/** A setting's value in a message: JSON, `unset` when absent, cut to one short line. */
function showValue(value: unknown): string {
  if (value === undefined) return 'unset';
  const text = JSON.stringify(value);
  return text.length > MAX_SHOWN_VALUE ? `${text.slice(0, MAX_SHOWN_VALUE - 3)}...` : text;
}

/**
 * The portfolio's order: score desc, then effective cost of delay desc, then effective risk
 * desc (the audit's own tie-breaks, so a project's items keep their relative order), then
 * project name, then id (code-unit order, the same on every machine).
 */
export function comparePortfolioItems(a: PortfolioItem, b: PortfolioItem): number {
  return (
    b.score - a.score ||
    b.costOfDelay - a.costOfDelay ||
    b.risk - a.risk ||
    compareText(a.project, b.project) ||
    compareText(a.id, b.id)
  );
}

/**
 * Merges reports that {@link checkComparable} accepted into one Portfolio.
 *
 * @param version this mldebt's version, for the Portfolio's `tool`
 */
export function mergeReports(reports: readonly NamedReport[], version: string): Portfolio {
  checkComparable(reports);
  const sorted = sortReports(reports);
  const items = sorted
    .flatMap(({ report }) => report.items.map((item) => portfolioItem(report.project, item)))
    .sort(comparePortfolioItems)
    .map((item, i) => ({ ...item, rank: i + 1 }));
  const projects = sorted.map(({ file, report }) => projectOf(file, report));
  const warnings: PortfolioWarning[] = sorted.flatMap(({ report }) =>
    report.warnings.map((w) => ({
      project: report.project,
      code: w.code,
      message: w.message,
      ...(typeof w.itemId === 'string' ? { itemId: w.itemId } : {}),
    })),
  );
  return {
    schemaVersion: PORTFOLIO_SCHEMA_VERSION,
    tool: { name: 'mldebt', version },
    projects,
    totals: {
      score: sumScores(items),
      items: items.length,
      projects: projects.length,
      byProject: groupScores(items, (item) => item.project),
      byCategory: groupScores(items, (item) => item.category),
      byOwner: groupScores(items, (item) => item.owner ?? 'unowned'),
      costOfDelayPerWeek: sumMoney(items),
    },
    items,
    failedGates: projects.filter((p) => !p.gate.passed).map((p) => p.project),
    warnings,
  };
}

function portfolioItem(project: string, item: ItemToMerge): PortfolioItem {
  return {
    rank: 0,
    project,
    projectRank: item.rank,
    id: item.id,
    title: item.title,
    category: item.category,
    owner: item.owner,
    // Reports written before the field say nothing: read as not known to come from anywhere.
    ownerSource: item.ownerSource ?? null,
    status: item.status,
    score: item.score,
    risk: item.risk.effective,
    frequency: item.frequency.effective,
    costOfDelay: item.costOfDelay.effective,
    multiplier: item.multiplier,
    costOfDelayPerWeek: item.costOfDelay.money?.perWeek ?? null,
    effortDays: item.effortDays,
    wsjf: item.wsjf,
    due: item.due,
    overdue: item.overdue,
  };
}

function projectOf(file: string, report: ReportToMerge): PortfolioProject {
  const own = report.items.map((item) => portfolioItem(report.project, item));
  return {
    project: report.project,
    file,
    inventory: report.inventory,
    head: report.repository.head,
    window: report.window,
    toolVersion: report.tool.version,
    score: sumScores(own),
    items: own.length,
    costOfDelayPerWeek: sumMoney(own),
    gate: report.gate,
    warnings: report.warnings.length,
  };
}

/** Σ of the (rounded) scores, one decimal, as the audit totals them. */
function sumScores(items: readonly PortfolioItem[]): number {
  return roundToTenth(items.reduce((sum, item) => sum + item.score, 0));
}

/** Σ declared money per week, two decimals; `null` when no item declares money (unknown, not 0). */
function sumMoney(items: readonly PortfolioItem[]): number | null {
  const declared = items.filter((item) => item.costOfDelayPerWeek !== null);
  if (declared.length === 0) return null;
  return roundTo(
    declared.reduce((sum, item) => sum + item.costOfDelayPerWeek!, 0),
    2,
  );
}

/** Scores summed per key, keys in code-unit order so JSON never depends on item order. */
function groupScores(
  items: readonly PortfolioItem[],
  keyOf: (item: PortfolioItem) => string,
): Record<string, number> {
  // A Map: a category named `constructor` must not find Object.prototype's member.
  const sums = new Map<string, number>();
  for (const item of items) {
    const key = keyOf(item);
    sums.set(key, roundToTenth((sums.get(key) ?? 0) + item.score));
  }
  return Object.fromEntries([...sums].sort(([a], [b]) => compareText(a, b)));
}
