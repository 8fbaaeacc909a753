/**
 * Which days a debt trend scores, and the inventory as it stood on one of them. Pure: no I/O,
 * no clock (the last point is the window's end, which comes from HEAD or `--until`).
 *
 * A past point scores the inventory as it stood that day: an item created after the day did
 * not exist yet and is left out; an item resolved after the day was still open then. Every
 * other field is today's (the inventory has no history of its own values).
 */
import type { InventoryItem } from '../inventory/schema.js';

/**
 * The points of a trend: the last day of each of the last `months` UTC calendar months that
 * ended before the window's end, oldest first, then the window's end day itself.
 *
 * @param windowEndDay `YYYY-MM-DD`, the day the window ends (inclusive)
 */
export function trendPointDays(windowEndDay: string, months: number): string[] {
  const year = Number(windowEndDay.slice(0, 4));
  const month = Number(windowEndDay.slice(5, 7)); // 1-12
  const days: string[] = [];
  // The window ends at the end of its day, so its own month has not ended before it even when
  // that day is the month's last: the month ends are those of the `months` months before.
  // Day 0 of a month (Date.UTC counts months from 0) is the last day of the month before.
  for (let back = months; back >= 1; back--) {
    days.push(new Date(Date.UTC(year, month - back, 0)).toISOString().slice(0, 10));
  }
  return [...days, windowEndDay];
}

/**
 * The inventory's items as they stood at the end of `day`: items created after it left out,
 * items resolved after it open again (status `open`, no resolved date). Items without a
 * `created` date are taken to have always existed; a resolved item without a `resolved` date
 * is taken to have always been resolved (nothing says when it was closed).
 */
export function itemsAsOf(items: readonly InventoryItem[], day: string): InventoryItem[] {
  return items
    .filter((item) => item.created === undefined || item.created <= day)
    .map((item) =>
      item.status === 'resolved' && item.resolved !== undefined && item.resolved > day
        ? { ...item, status: 'open' as const, resolved: undefined }
        : item,
    );
}
