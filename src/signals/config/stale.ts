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
  /** How far back the history pass reached (epoch ms): max(window, stale_after). */
  reachMs: number;
  /**
   * The newest change of a path up to the window end (epoch ms); `'older'` when no commit
   * since {@link reachMs} touched it; null when it is not known (a file that appeared after
   * the window end).
   */
  lastChange(path: string): number | 'older' | null;
}

/** The history pass's last changes (see HistoryAggregator), as staleness reads them. */
export function stalenessHistory(
  pass: { lastChangeByPath: ReadonlyMap<string, number>; changedAfterEnd: ReadonlySet<string> },
  window: { sinceMs: number; untilMs: number },
  staleAfter: string,
): ConfigHistory {
  const { lastChangeByPath, changedAfterEnd } = pass;
  return {
    sinceMs: window.sinceMs,
    untilMs: window.untilMs,
    staleAfter,
    reachMs: Math.min(window.sinceMs, subtractDuration(window.untilMs, staleAfter)),
    lastChange(path) {
      const seconds = lastChangeByPath.get(path);
      if (seconds !== undefined) return seconds * 1000;
      // Changed only after the window end: it may not have existed then, so it is not judged.
      return changedAfterEnd.has(path) ? null : 'older';
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
