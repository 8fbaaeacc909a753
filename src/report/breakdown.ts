/**
 * The score breakdown of an item in words, shared by the markdown and HTML reports: one plain
 * sentence per component ("Risk: declared 3 → effective 4 (coverage 23% < 60%)") and the git
 * activity line. Plain text: each renderer escapes it for its own format.
 */
import type { CoverageSignal, GitSignal, ReportWindow, ScoredItem } from '../model/index.js';
import { listExtensions } from './evidence-summary.js';
import { formatAmount, formatFactor } from './format.js';
import { compareText, plural } from '../util/text.js';

/** `Risk: declared 3 → effective 4 (coverage 23% < 60%)` */
export function describeRisk(item: ScoredItem): string {
  const { risk } = item;
  return `Risk: declared ${risk.declared} → effective ${risk.effective}${reasons(risk.reasons)}`;
}

/** `Frequency: declared 2, observed 4 → effective 4; 7 events in the window, 1.17 per 30 days` */
export function describeFrequency(item: ScoredItem): string {
  const { frequency } = item;
  const observed =
    frequency.observed === null ? 'observed not measured' : `observed ${frequency.observed}`;
  const events =
    frequency.events === null
      ? ''
      : `; ${plural(frequency.events, 'event')} in the window` +
        (frequency.ratePer30Days === null
          ? ''
          : `, ${frequency.ratePer30Days.toFixed(2)} per 30 days`);
  return (
    `Frequency: declared ${frequency.declared ?? 'none'}, ${observed} → effective ` +
    `${frequency.effective}${events}${reasons(frequency.reasons)}`
  );
}

/** `Cost of delay: declared none, money 500 per day (3,500 per week) → effective 4 (…)` */
export function describeCostOfDelay(item: ScoredItem): string {
  const { costOfDelay } = item;
  const money = costOfDelay.money
    ? `, money ${formatAmount(costOfDelay.money.amount)} per ${costOfDelay.money.per}` +
      (costOfDelay.money.per === 'week'
        ? ''
        : ` (${formatAmount(costOfDelay.money.perWeek)} per week)`)
    : '';
  return (
    `Cost of delay: declared ${costOfDelay.declared ?? 'none'}${money} → effective ` +
    `${costOfDelay.effective}${reasons(costOfDelay.reasons)}`
  );
}

/** `Multiplier: 1.5 (compliance ×1.5)` */
export function describeMultiplier(item: ScoredItem): string {
  const tags = Object.keys(item.multipliers)
    .sort(compareText)
    .map((tag) => `${tag} ×${formatFactor(item.multipliers[tag]!)}`);
  return `Multiplier: ${formatFactor(item.multiplier)}${tags.length > 0 ? ` (${tags.join(', ')})` : ''}`;
}

/**
 * `3 commits, 2 fixes (1 shared with other items), 1 author in 180 days; churn 40 lines; last
 * change 2026-11-02; 4 files matched`
 */
export function describeGitActivity(git: GitSignal, window: ReportWindow | null): string {
  const days = window ? ` in ${window.days} days` : '';
  const churn = git.churn === null ? 'not measured' : `${git.churn} lines`;
  const shared =
    git.sharedFixCommits > 0 ? ` (${git.sharedFixCommits} shared with other items)` : '';
  return (
    `${plural(git.commits, 'commit')}, ${plural(git.fixCommits, 'fix', 'fixes')}${shared}, ` +
    `${plural(git.authors, 'author')}${days}; churn ${churn}; ` +
    `last change ${git.lastChange ?? 'never'}; ${plural(git.matchedFiles, 'file')} matched`
  );
}

/**
 * `23.0% (120 of 400 lines)`, or why there is no figure: no report given, no report covering
 * the files' language (`.go`), or no data for any of its files. The unmeasured files are
 * listed by each renderer in its own way.
 */
export function describeCoverage(coverage: CoverageSignal | null): string {
  if (coverage === null) return 'not measured (no coverage report given)';
  const unmeasured = coverage.unmeasuredFiles;
  if (coverage.measuredFiles === 0 && coverage.untestedFiles.length === 0 && unmeasured.length) {
    return `not measured (no report covers ${listExtensions(unmeasured)} files)`;
  }
  if (coverage.percent === null) return 'no coverage data for any of its files';
  return `${coverage.percent.toFixed(1)}% (${coverage.covered} of ${coverage.coverable} lines)`;
}

function reasons(list: string[]): string {
  return list.length > 0 ? ` (${list.join('; ')})` : '';
}
