/**
 * The summary by category every report shows: items and score per category, highest score
 * first (ties by name), with each category's share of the total.
 */
import type { Report } from '../model/index.js';
import { compareText } from '../util/text.js';

export interface CategoryRow {
  category: string;
  items: number;
  score: number;
  /** `37.5%` of the total score, or `—` when the total is 0. */
  share: string;
}

export function categoryRows(report: Report): CategoryRow[] {
  const { totals } = report;
  const counts = new Map<string, number>();
  for (const item of report.items) counts.set(item.category, (counts.get(item.category) ?? 0) + 1);
  const categories = [...new Set([...Object.keys(totals.byCategory), ...counts.keys()])].sort(
    (a, b) => (totals.byCategory[b] ?? 0) - (totals.byCategory[a] ?? 0) || compareText(a, b),
  );
  return categories.map((category) => {
    const score = totals.byCategory[category] ?? 0;
    return { category, items: counts.get(category) ?? 0, score, share: shareOf(report, score) };
  });
}

/** A score's share of the report's total, one decimal. */
export function shareOf(report: Report, score: number): string {
  return report.totals.score > 0 ? `${((score / report.totals.score) * 100).toFixed(1)}%` : '—';
}
