/** Totals over ranked items (SPEC §3): sums of the rounded priorities, by category and overall. */
import type { ScoredItem, Totals } from '../model/index.js';
import { round1 } from './score.js';

export function computeTotals(items: ScoredItem[]): Totals {
  // A Map: a category named `constructor` must not find Object.prototype's member.
  const byCategory = new Map<string, number>();
  let score = 0;
  let money: number | null = null;
  for (const item of items) {
    score += item.score;
    byCategory.set(item.category, round1((byCategory.get(item.category) ?? 0) + item.score));
    if (item.costOfDelay.money) money = (money ?? 0) + item.costOfDelay.money.perWeek;
  }
  // Categories in a fixed order (by name) so JSON key order never depends on item order.
  const sorted = Object.fromEntries([...byCategory].sort(([a], [b]) => (a < b ? -1 : 1)));
  return {
    score: round1(score),
    items: items.length,
    byCategory: sorted,
    costOfDelayPerWeek: money === null ? null : Math.round(money * 100) / 100,
  };
}
