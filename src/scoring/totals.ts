/** Totals over ranked items: sums of the rounded priorities, by category and overall. */
import type { ScoredItem, Totals } from '../model/index.js';
import { roundTo, roundToTenth } from '../util/numbers.js';
import { compareText } from '../util/text.js';

export function computeTotals(items: ScoredItem[]): Totals {
  // A Map: a category named `constructor` must not find Object.prototype's member.
  const byCategory = new Map<string, number>();
  let score = 0;
  let money: number | null = null;
  for (const item of items) {
    score += item.score;
    byCategory.set(item.category, roundToTenth((byCategory.get(item.category) ?? 0) + item.score));
    if (item.costOfDelay.money) money = (money ?? 0) + item.costOfDelay.money.perWeek;
  }
  // Categories in a fixed order (by name) so JSON key order never depends on item order.
  const sorted = Object.fromEntries([...byCategory].sort(([a], [b]) => compareText(a, b)));
  return {
    score: roundToTenth(score),
    items: items.length,
    byCategory: sorted,
    costOfDelayPerWeek: money === null ? null : roundTo(money, 2),
  };
}
