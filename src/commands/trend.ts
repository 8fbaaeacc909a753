/**
 * `trend`: is our debt growing? The inventory scored at the end of each of the last months
 * and at the window's end, from history alone (no stored reports). A past point is exactly
 * `audit --until <that day>` of the inventory as it stood then (items created later left out,
 * items resolved later open); the last point is today's audit. One `git log` pass serves
 * every point. Coverage reports and config findings describe the working tree now, so they
 * apply to every point alike. Prints nothing.
 */
import { UserError } from '../errors.js';
import type { LoadedInventory } from '../inventory/index.js';
import type { Diagnostic, Report, Trend, TrendItem, TrendPoint } from '../model/index.js';
import { TREND_SCHEMA_VERSION } from '../model/index.js';
import { trendPointDays } from '../pipeline/as-of.js';
import { buildReport } from '../pipeline/build-report.js';
import { collectSignals } from '../pipeline/collect.js';
import { resolveContext } from '../pipeline/context.js';
import type { RunOptions } from '../pipeline/options.js';
import { reconcile } from '../pipeline/reconcile.js';
import { COLLECTORS } from '../signals/index.js';
import { runHistoryPasses } from '../signals/git/history.js';
import { isCalendarDate } from '../inventory/vocabulary.js';
import { isoDay, monthsBetween } from '../util/dates.js';
import { compareText } from '../util/text.js';
import { DEFAULT_TREND_MONTHS } from './defaults.js';

/** Ten years of month ends: more would be a typo, and each point is a full audit. */
export const MAX_TREND_MONTHS = 120;

export interface TrendOptions extends RunOptions {
  /** `--months <n>`: how many month ends before the window's end (default 6). */
  months?: number;
}

export interface TrendResult {
  trend: Trend;
  /** Each point's audit, oldest first; the last is today's. */
  reports: Report[];
  root: string;
  inventoryPath: string;
  /** Today's inventory, as loaded. */
  loaded: LoadedInventory;
}

export async function trend(options: TrendOptions): Promise<TrendResult> {
  const months = options.months ?? DEFAULT_TREND_MONTHS;
  if (!Number.isInteger(months) || months < 1 || months > MAX_TREND_MONTHS) {
    throw new UserError(
      `--months: expected a whole number of months from 1 to ${MAX_TREND_MONTHS}, got "${months}"`,
    );
  }
  // A date-shaped value is left to the audit's own check ("not a real date"); anything else
  // is a revision, which the past points cannot share.
  if (options.until !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.until)) {
    throw new UserError(
      `--until ${options.until}: trend needs a day (YYYY-MM-DD), not a revision: its past ` +
        'points are days walked from the same commit',
    );
  }
  const today = await resolveContext(options);
  if (today.window === null || today.head === null) {
    throw new UserError(
      `trend needs git history: ${today.gitNotMeasured ?? 'no commit to anchor its window'}`,
    );
  }
  if (isCalendarDate(today.windowSetting)) {
    throw new UserError(
      `trend compares windows of one length, and the window starts on a fixed day ` +
        `(${today.windowSetting}): give a length instead (--since 180d, or settings.window)`,
    );
  }
  const days = trendPointDays(isoDay(today.window.untilMs), months);
  const past = await Promise.all(
    days.slice(0, -1).map((day) => resolveContext({ ...options, until: day, asOf: day }, today)),
  );
  const contexts = [...past, today];
  const last = contexts.length - 1;
  // Reconciliation is about today: only the last point gathers it.
  const passes = await runHistoryPasses(contexts, { reconcile: (i) => i === last });
  contexts.forEach((context, i) => context.useHistory(passes[i]!));
  const reports: Report[] = [];
  for (const [i, context] of contexts.entries()) {
    const collected = await collectSignals(context, COLLECTORS);
    const reconciliation = i === last ? await reconcile(context, collected) : [];
    reports.push(buildReport(context, collected, reconciliation));
  }
  return {
    trend: assembleTrend(reports, days, months),
    reports,
    root: today.root,
    inventoryPath: today.inventoryPath,
    loaded: today.loaded,
  };
}

/** The Trend of the points' Reports (oldest first, the last today's). Pure. */
export function assembleTrend(reports: Report[], days: string[], months: number): Trend {
  const today = reports[reports.length - 1]!;
  const points: TrendPoint[] = reports.map((report, i) => ({
    date: days[i]!,
    window: report.window!,
    total: report.totals.score,
    byCategory: report.totals.byCategory,
    items: Object.fromEntries(report.items.map((item) => [item.id, item.score])),
  }));
  const notes: Diagnostic[] = [
    ...today.notes,
    {
      code: 'trend-working-tree',
      message:
        'coverage reports and config findings describe the working tree now: they apply to every point alike',
    },
  ];
  return {
    schemaVersion: TREND_SCHEMA_VERSION,
    tool: today.tool,
    project: today.project,
    inventory: today.inventory,
    head: today.repository.head,
    months,
    points,
    items: trendItems(reports),
    fixesByCategory: fixesByCategory(reports),
    warnings: today.warnings,
    notes,
  };
}

/** Today's items in rank order, then items ranked only earlier (resolved since), by id. */
function trendItems(reports: Report[]): TrendItem[] {
  const latest = new Map<string, { title: string; category: string }>();
  for (const report of reports) {
    for (const item of report.items)
      latest.set(item.id, { title: item.title, category: item.category });
  }
  const today = reports[reports.length - 1]!.items.map((item) => item.id);
  const earlier = [...latest.keys()].filter((id) => !today.includes(id)).sort(compareText);
  return [...today, ...earlier].map((id) => ({
    id,
    ...latest.get(id)!,
    scores: reports.map((report) => report.items.find((item) => item.id === id)?.score ?? null),
  }));
}

/**
 * Fix commits per category per month over the whole span, each month read from the newest
 * point whose window starts on or before the month's first day (so holds all of it), or from
 * the oldest point for the first, partial month.
 */
function fixesByCategory(reports: Report[]): Record<string, Record<string, number>> {
  const first = reports[0]!.window!;
  const last = reports[reports.length - 1]!.window!;
  const result: Record<string, Record<string, number>> = {};
  for (const month of monthsBetween(first.since, last.until)) {
    const source =
      [...reports].reverse().find((report) => report.window!.since <= `${month}-01`) ?? reports[0]!;
    for (const item of source.items) {
      const count = item.signals.git?.fixesByMonth[month];
      if (count === undefined) continue;
      const perMonth = (result[item.category] ??= {});
      perMonth[month] = (perMonth[month] ?? 0) + count;
    }
  }
  return Object.fromEntries(
    Object.keys(result)
      .sort(compareText)
      .map((category) => [
        category,
        Object.fromEntries(Object.entries(result[category]!).sort(([a], [b]) => compareText(a, b))),
      ]),
  );
}
