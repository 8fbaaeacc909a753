/**
 * From a resolved run and its measured signals to the Report: scores and ranks, `--strict`,
 * the baseline comparison, totals and the gate. No I/O: everything it needs is in its
 * arguments.
 */
import { UserError } from '../errors.js';
import { compareBaselineSettings, compareWithBaseline } from '../gate/baseline.js';
import { evaluateGate } from '../gate/gate.js';
import type { ResolvedSettings } from '../inventory/settings.js';
import {
  REPORT_SCHEMA_VERSION,
  type Diagnostic,
  type ReconciliationFinding,
  type Report,
  type ReportWindow,
  type WindowBounds,
} from '../model/index.js';
import { DAY_MS, isoDay } from '../util/dates.js';
import { roundTo } from '../util/numbers.js';
import { rankItems, scoreItem } from '../scoring/score.js';
import { computeTotals } from '../scoring/totals.js';
import { compareText, plural } from '../util/text.js';
import { VERSION } from '../version.js';
import type { Collected } from './collect.js';
import type { RunContext } from './context.js';
import { reconciliationWarning } from './reconcile.js';

/** Warning codes that mean a signal was not (fully) measured; `--strict` refuses them. */
export const MEASUREMENT_WARNINGS = new Set([
  'shallow-history',
  'not-git',
  'glob-no-match',
  'coverage-unmapped',
  'partial-clone',
]);

export function buildReport(
  context: RunContext,
  collected: Collected,
  reconciliation: ReconciliationFinding[] = [],
): Report {
  const { options, settings, loaded, window, baseline } = context;
  const warnings: Diagnostic[] = [
    ...context.warnings,
    ...collected.warnings,
    ...reconciliation.map((finding) => reconciliationWarning(finding, context)),
  ];
  const notes: Diagnostic[] = [...context.notes, ...collected.notes];

  const scored = context.ranked.map(({ item, index }, i) =>
    scoreItem(
      item,
      collected.signals[i]!,
      window,
      settings,
      loaded.places[index]?.item ?? null,
      context.incidents.byItem.get(item.id),
    ),
  );
  const items = rankItems(scored);

  if (options.strict) refuseUnmeasured(warnings);

  const reportSettings = describeSettings(settings, {
    windowSetting: context.windowSetting,
    lineChurn: collected.lineChurn,
    coverageReports: context.coverage.reports,
  });
  const reportWindow = window ? describeWindow(window) : null;
  const selection = { category: options.category ?? null, owner: options.owner ?? null };
  if (baseline) {
    const differences = compareBaselineSettings(
      baseline.report,
      reportSettings,
      reportWindow,
      selection,
    );
    if (differences.length > 0) {
      const message =
        `${baseline.file} was computed with other scoring settings (${differences.join('; ')}): ` +
        'its scores are not comparable with these';
      if (options.failOnIncrease) {
        throw new UserError(
          `${message}; re-create the baseline with the same settings, or drop --fail-on-increase`,
        );
      }
      warnings.push({ code: 'baseline-incomparable', message });
    }
  }

  const totals = computeTotals(items);
  const comparison = baseline
    ? compareWithBaseline(items, totals.score, baseline.report, baseline.file)
    : null;
  const thresholds = {
    failAbove: options.failAbove ?? settings.thresholds.failAbove,
    failTotalAbove: options.failTotalAbove ?? settings.thresholds.failTotalAbove,
    failOnIncrease: options.failOnIncrease ?? false,
  };

  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'mldebt', version: VERSION },
    project: loaded.inventory.project,
    inventory: context.inventoryDisplay,
    repository: { head: context.head, git: context.repo.git, shallow: collected.shallow },
    window: reportWindow,
    settings: reportSettings,
    selection,
    totals,
    items,
    notRanked: context.notRanked,
    warnings,
    notes,
    gate: evaluateGate(items, totals, thresholds, comparison),
    baseline: comparison,
    reconciliation,
  };
}

/** The settings a Report records: everything that changes a score, as the user set it. */
function describeSettings(
  settings: ResolvedSettings,
  run: { windowSetting: string; lineChurn: boolean; coverageReports: string[] },
): Report['settings'] {
  return {
    coverageFloor: settings.coverageFloor,
    lineChurn: run.lineChurn,
    coverageReports: run.coverageReports,
    window: run.windowSetting,
    fixPattern: settings.fixPattern,
    fixExclude: settings.fixExclude,
    bots: [...settings.bots],
    frequencyLevels: [...settings.frequencyLevels],
    costLevels: [...settings.costLevels],
    tagMultipliers: Object.fromEntries(
      [...settings.tagMultipliers].sort(([a], [b]) => compareText(a, b)),
    ),
    practiceRisk: { ...settings.practices.risk },
  };
}

/** The window as reports show it: days exact to two decimals, dates as UTC days. */
function describeWindow({ sinceMs, untilMs }: WindowBounds): ReportWindow {
  return {
    since: isoDay(sinceMs),
    until: isoDay(untilMs),
    days: roundTo((untilMs - sinceMs) / DAY_MS, 2),
  };
}

/**
 * `--strict`: exit 2 when any signal could not be fully measured (shallow or partial history,
 * a glob matching nothing, no git, unmapped coverage), naming each.
 */
export function refuseUnmeasured(warnings: readonly Diagnostic[]): void {
  const refused = warnings.filter((w) => MEASUREMENT_WARNINGS.has(w.code));
  if (refused.length > 0) {
    throw new UserError(
      `--strict: ${plural(refused.length, 'signal')} could not be fully measured:\n` +
        refused.map((w) => `  ${w.message}`).join('\n'),
    );
  }
}
