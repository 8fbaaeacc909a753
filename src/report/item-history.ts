/**
 * One item across the trend's points, for `explain`: its score at each point and why it
 * changed between two points — fix commits entering or leaving the window, incidents doing
 * the same, a due date passing, the item being created or resolved. Pure, from the points'
 * Reports.
 */
import type { Report, ScoredItem } from '../model/index.js';
import { formatScore } from './format.js';

export interface ItemPoint {
  date: string;
  /** `null`: not ranked that day (not created yet, or resolved). */
  item: ScoredItem | null;
}

/** The item `id` at each point (Reports oldest first, `days` aligned with them). */
export function itemPoints(
  reports: readonly Report[],
  days: readonly string[],
  id: string,
): ItemPoint[] {
  return reports.map((report, i) => ({
    date: days[i]!,
    item: report.items.find((item) => item.id === id) ?? null,
  }));
}

/** How many fix commits a change names before "and N more" (`explain` is read, not parsed). */
const MAX_FIXES_NAMED = 5;

function listFixes(fixes: { commit: string; date: string }[], how: 'entered' | 'left'): string[] {
  const named = fixes
    .slice(0, MAX_FIXES_NAMED)
    .map((fix) => `fix commit ${fix.commit.slice(0, 7)} (${fix.date}) ${how} the window`);
  const more = fixes.length - named.length;
  return more > 0 ? [...named, `and ${more} more fix commits ${how} the window`] : named;
}

/** Why the item's score differs between two consecutive points, in words. */
export function describeChange(before: ItemPoint, after: ItemPoint): string[] {
  const a = before.item;
  const b = after.item;
  if (a === null && b === null) return [];
  if (a === null) return [`ranked from ${after.date} (created, or reopened, after ${before.date})`];
  if (b === null) return [`not ranked on ${after.date} (resolved, or no longer selected)`];
  const reasons: string[] = [];
  const fixesA = new Map((a.signals.git?.fixes ?? []).map((fix) => [fix.commit, fix]));
  const fixesB = new Map((b.signals.git?.fixes ?? []).map((fix) => [fix.commit, fix]));
  const entered = [...fixesB].filter(([hash]) => !fixesA.has(hash)).map(([, fix]) => fix);
  const left = [...fixesA].filter(([hash]) => !fixesB.has(hash)).map(([, fix]) => fix);
  reasons.push(...listFixes(entered, 'entered'), ...listFixes(left, 'left'));
  const inWindow = (item: ScoredItem) =>
    new Set(item.incidents.filter((i) => i.inWindow).map((i) => `${i.date} ${i.ref ?? ''}`.trim()));
  const incidentsA = inWindow(a);
  const incidentsB = inWindow(b);
  for (const incident of incidentsB) {
    if (!incidentsA.has(incident)) reasons.push(`incident ${incident} entered the window`);
  }
  for (const incident of incidentsA) {
    if (!incidentsB.has(incident)) reasons.push(`incident ${incident} left the window`);
  }
  if (!a.overdue && b.overdue) reasons.push(`due date ${b.due} passed`);
  const components = (
    [
      ['risk', a.risk.effective, b.risk.effective],
      ['frequency', a.frequency.effective, b.frequency.effective],
      ['cost of delay', a.costOfDelay.effective, b.costOfDelay.effective],
    ] as const
  )
    .filter(([, x, y]) => x !== y)
    .map(([name, x, y]) => `${name} ${x} → ${y}`);
  if (components.length > 0) reasons.push(components.join(', '));
  if (reasons.length === 0 && a.score !== b.score) {
    reasons.push(`score ${formatScore(a.score)} → ${formatScore(b.score)}`);
  }
  return reasons;
}
