/**
 * What every portfolio format says alike: the items shown, the headline, a project's gate,
 * window and money, in one place so the table, markdown and HTML never disagree.
 */
import type { OwnerSource } from '../../model/index.js';
import type { Portfolio, PortfolioProject } from '../../model/portfolio.js';
import { formatAmount, formatScore, ownerLabel } from '../format.js';
import { plural } from '../../util/text.js';
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
