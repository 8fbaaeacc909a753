/**
 * Stale config files, pure: a config file unchanged for longer than `stale_after` (measured
 * from the window end, never the clock) while other files of the same item changed in the
 * window. "Parameters nobody has touched in a year are either right or forgotten"; a config
 * beside code nobody touches either is simply finished, and is not reported.
 */
import type { ConfigFinding } from '../../model/index.js';
import { isoDay, subtractDuration } from '../../util/dates.js';
import { plural } from '../../util/text.js';

/** What staleness is measured from: the history pass's last changes and the window. */
export interface ConfigHistory {
  sinceMs: number;
  untilMs: number;
  /** `settings.stale_after`, a duration (`365d`). */
  staleAfter: string;
  /**
   * How far back the history reaches (epoch ms): the pass's reach, max(window, stale_after),
   * or where a shallow clone's history stops when that is later.
   */
  reachMs: number;
  /**
   * The newest change of a path up to the window end (epoch ms); `'older'` when no commit
   * since {@link reachMs} touched it; null when it is not known (a file that appeared after
   * the window end, or one a shallow clone's history does not reach far enough to judge).
   */
  lastChange(path: string): number | 'older' | null;
}

/**
 * How far back a pass's history reaches (epoch ms): max(window, stale_after) before the
 * window end, or where a shallow clone's history stops (`historyStops`, epoch seconds) when
 * that is later. A path no commit since then touched changed "before" it.
 */
export function historyReachMs(
  window: { sinceMs: number; untilMs: number },
  staleAfter: string,
  historyStops: number | null,
): number {
  return Math.max(
    Math.min(window.sinceMs, subtractDuration(window.untilMs, staleAfter)),
    historyStops === null ? Number.NEGATIVE_INFINITY : historyStops * 1000,
  );
}

/**
 * The history pass's last changes (see HistoryAggregator), as staleness reads them.
 * @param historyStops where a shallow clone's history stops (epoch seconds), or null
 */
export function stalenessHistory(
  pass: { lastChangeByPath: ReadonlyMap<string, number>; changedAfterEnd: ReadonlySet<string> },
  window: { sinceMs: number; untilMs: number },
  staleAfter: string,
  historyStops: number | null,
): ConfigHistory {
  const { lastChangeByPath, changedAfterEnd } = pass;
  const staleBeforeMs = subtractDuration(window.untilMs, staleAfter);
  const reachMs = historyReachMs(window, staleAfter, historyStops);
  // Untouched since a shallow clone's history stops, after the stale cut: changed a day or
  // years before that, nothing in the clone says which.
  const unknownBefore = reachMs > staleBeforeMs;
  return {
    sinceMs: window.sinceMs,
    untilMs: window.untilMs,
    staleAfter,
    reachMs,
    lastChange(path) {
      const seconds = lastChangeByPath.get(path);
      if (seconds !== undefined) return seconds * 1000;
      // Changed only after the window end: it may not have existed then, so it is not judged.
      return changedAfterEnd.has(path) || unknownBefore ? null : 'older';
    },
  };
}

/**
 * The stale findings among `configFiles`, given every file of their group (the item's files)
 * to tell whether anything else changed in the window.
 */
export function findStale(
  configFiles: readonly string[],
  groupFiles: readonly string[],
  history: ConfigHistory,
): ConfigFinding[] {
  const staleBeforeMs = subtractDuration(history.untilMs, history.staleAfter);
  const changedInWindow = new Set(
    groupFiles.filter((file) => {
      const last = history.lastChange(file);
      return typeof last === 'number' && last >= history.sinceMs;
    }),
  );
  const findings: ConfigFinding[] = [];
  for (const file of configFiles) {
    const last = history.lastChange(file);
    if (last === null || (typeof last === 'number' && last >= staleBeforeMs)) continue;
    const others = changedInWindow.size - (changedInWindow.has(file) ? 1 : 0);
    if (others === 0) continue;
    const since = last === 'older' ? `before ${isoDay(history.reachMs)}` : isoDay(last);
    findings.push({
      kind: 'stale',
      file,
      line: null,
      key: null,
      detail:
        `unchanged since ${since}, more than ${history.staleAfter} before the window end ` +
        `${isoDay(history.untilMs)}, while ${plural(others, 'other file')} of the item changed in the window`,
    });
  }
  return findings;
}
