/**
 * How a plan's figures read in the text formats, in one place, so the table and markdown
 * say the same thing in the same words.
 */
import type { Plan, UnfitItem } from '../../model/plan.js';
import { formatAmount, formatScore } from '../format.js';

/** Days as kept (at most three decimals): `10d`, `0.75d`. */
export function formatDays(days: number): string {
  return `${days}d`;
}

/** Where the capacity came from, with its arithmetic: `10d (… 5 engineers × 2w (10 working days) × share 0.2)`. */
export function describeCapacity(plan: Plan): string {
  const source = plan.capacitySource;
  if (source.kind === 'flag') return `${formatDays(plan.capacity)} (--capacity)`;
  const engineers = `${source.engineers} engineer${source.engineers === 1 ? '' : 's'}`;
  const sprint =
    typeof source.sprint === 'number'
      ? `${source.sprintDays} working days`
      : `${source.sprint} (${source.sprintDays} working days)`;
  return `${formatDays(plan.capacity)} (settings.capacity: ${engineers} × ${sprint} × share ${source.share})`;
}

/** `capacity 10d (…) · used 9.75d · left 0.25d`. */
export function describeUse(plan: Plan): string {
  return `capacity ${describeCapacity(plan)} · used ${formatDays(plan.used)} · left ${formatDays(plan.left)}`;
}

/** What the plan addresses: its share of the total score, and the money per week it stops. */
export function describeOutcome(plan: Plan): string {
  const share =
    plan.scoreShare === null
      ? 'no score to address'
      : `addresses ${Math.round(plan.scoreShare * 100)}% of the total score ` +
        `(${formatScore(plan.plannedScore)} of ${formatScore(plan.totalScore)})`;
  const money =
    plan.costOfDelayPerWeek === null
      ? 'no planned item declares a money cost of delay'
      : `stops ${formatAmount(plan.costOfDelayPerWeek)} per week of cost of delay`;
  return `${share} · ${money}`;
}

/** Why an item was not taken, with the days that decided it. */
export function describeReason(item: UnfitItem, plan: Plan): string {
  return item.reason === 'larger-than-capacity'
    ? `larger than the whole capacity (${formatDays(plan.capacity)}): split it`
    : `does not fit (${formatDays(item.left)} left)`;
}

/** The run in one line: window and HEAD. */
export function describePlanScope(plan: Plan): string {
  const parts = [
    plan.window
      ? `window ${plan.window.since} → ${plan.window.until} (${Math.round(plan.window.days)}d)`
      : 'no window',
  ];
  if (plan.head) parts.push(`HEAD ${plan.head.slice(0, 10)}`);
  return parts.join(' · ');
}

/** The rule behind each stage's order, for the reader of a plan. */
export const STAGE_RULES = {
  1: 'stage 1: effective risk and frequency both at least 4, in rank order',
  2: 'stage 2: the rest, by WSJF (score per day of effort), ties in rank order',
} as const;
