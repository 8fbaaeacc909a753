/**
 * What every portfolio format says alike: the items shown, the headline, a project's gate,
 * window and money, in one place so the table, markdown and HTML never disagree.
 */
import type { OwnerSource } from '../../model/index.js';
import type { Portfolio, PortfolioProject } from '../../model/portfolio.js';
import { formatAmount, formatScore, ownerLabel } from '../format.js';
import { compareText, plural } from '../../util/text.js';
import type { PortfolioRenderOptions } from './index.js';

/** The items a renderer lists: `--top` shortens the list, nothing else. */
export function shownPortfolioItems(
  portfolio: Portfolio,
  options: Pick<PortfolioRenderOptions, 'top'>,
): Portfolio['items'] {
  return options.top === undefined ? portfolio.items : portfolio.items.slice(0, options.top);
}

/** `3 projects · 12 items · total 123.4 · cost of delay 5,000/week`. */
export function describeTotals(portfolio: Portfolio): string {
  const { totals } = portfolio;
  return [
    plural(totals.projects, 'project'),
    `${plural(totals.items, 'item')} ranked`,
    `total ${formatScore(totals.score)}`,
    `cost of delay ${describeMoney(totals.costOfDelayPerWeek)}`,
  ].join(' · ');
}

/** Which projects failed their own CI gate, or that none did. */
export function describeGates(portfolio: Portfolio): string {
  const failed = portfolio.failedGates;
  if (failed.length === 0) return 'no project failed its own gate';
  const who =
    failed.length === 1 ? '1 project failed its' : `${failed.length} projects failed their`;
  return `${who} own gate: ${failed.join(', ')}`;
}

/** Money per week for people; `not declared` when no item declares money (never 0). */
export function describeMoney(perWeek: number | null): string {
  return perWeek === null ? 'not declared' : `${formatAmount(perWeek)}/week`;
}

/** A project's own gate: `failed (2 reasons)`, `passed`, or `no thresholds` when it had none. */
export function describeProjectGate(project: PortfolioProject): string {
  const { gate } = project;
  if (!gate.passed) return `failed (${plural(gate.reasons.length, 'reason')})`;
  const { thresholds } = gate;
  const set =
    thresholds.failAbove !== null ||
    thresholds.failTotalAbove !== null ||
    thresholds.failOnIncrease;
  return set ? 'passed' : 'no thresholds';
}

/** `2026-01-01 → 2026-06-30`, or `none` when the report had no window (no git history). */
export function describeWindow(project: PortfolioProject): string {
  return project.window === null ? 'none' : `${project.window.since} → ${project.window.until}`;
}

/** The line that says the list is shortened, or null when every item is shown. */
export function describeTop(portfolio: Portfolio, shown: number): string | null {
  if (shown >= portfolio.items.length) return null;
  return `showing the top ${shown} of ${portfolio.items.length} ranked items (--top ${shown}): the totals and the projects cover all of them`;
}

/** The owner as every format shows it: `unowned`, or marked when CODEOWNERS gave it. */
export function ownerText(item: { owner: string | null; ownerSource: OwnerSource | null }): string {
  return ownerLabel(item);
}

export { formatScore };

/** Up to this many warnings in all are listed one by one; more are folded per project. */
const FOLD_WARNINGS_ABOVE = 10;

/**
 * Whether the portfolio's warnings are too many to list one by one where the figures must
 * stay in sight (a terminal, the dashboard): twenty projects easily carry a hundred.
 */
export function foldsWarnings(portfolio: Portfolio): boolean {
  return portfolio.warnings.length > FOLD_WARNINGS_ABOVE;
}

/** Each project's warnings, in report order, with a count by kind (`glob-no-match 2, no-paths 1`). */
export function warningsByProject(
  portfolio: Portfolio,
): { project: string; warnings: Portfolio['warnings']; kinds: string }[] {
  const byProject = new Map<string, Portfolio['warnings']>();
  for (const w of portfolio.warnings) {
    byProject.set(w.project, [...(byProject.get(w.project) ?? []), w]);
  }
  return [...byProject].map(([project, warnings]) => {
    const counts = new Map<string, number>();
    for (const w of warnings) counts.set(w.code, (counts.get(w.code) ?? 0) + 1);
    const kinds = [...counts]
      .sort(([a, x], [b, y]) => y - x || compareText(a, b))
      .map(([code, n]) => `${code} ${n}`)
      .join(', ');
    return { project, warnings, kinds };
  });
}

/**
 * The warnings as lines for a terminal: each one, or, when there are many, one line per
 * project counting them by kind and saying where they are all listed.
 */
export function warningLines(portfolio: Portfolio): string[] {
  if (!foldsWarnings(portfolio)) {
    return portfolio.warnings.map((w) => `${w.project}: ${w.message}`);
  }
  return [
    ...warningsByProject(portfolio).map(
      ({ project, warnings, kinds }) =>
        `${project}: ${plural(warnings.length, 'warning')} (${kinds})`,
    ),
    `${plural(portfolio.warnings.length, 'warning')} in all: -f markdown, json or html lists every one`,
  ];
}
