/**
 * Dates and durations. Everything is UTC and day-granular in output; `now` is always the
 * window's end handed in by the caller, never the wall clock.
 */
import { UserError } from '../errors.js';

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of an instant, in UTC. */
export function isoDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** `YYYY-MM` of an instant, in UTC (the bucket of the monthly fix series). */
export function isoMonth(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 7);
}

/** Midnight UTC at the start of a `YYYY-MM-DD` day. */
export function dayStart(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** The last millisecond of a `YYYY-MM-DD` day (so `--until 2026-11-21` includes that day). */
export function dayEnd(day: string): number {
  return dayStart(day) + DAY_MS - 1;
}

/**
 * Subtracts a duration (`180d`, `26w`, `12m`, `1y`) from an instant. Months and years are
 * calendar months and years (`12m` before 2026-11-21 is 2025-11-21), days and weeks exact.
 */
export function subtractDuration(epochMs: number, duration: string): number {
  const match = /^([1-9]\d*)([dwmy])$/.exec(duration);
  if (!match)
    throw new UserError(`expected a duration like 180d, 26w, 12m or 1y, got "${duration}"`);
  const n = Number(match[1]);
  switch (match[2]) {
    case 'd':
      return epochMs - n * DAY_MS;
    case 'w':
      return epochMs - n * 7 * DAY_MS;
    default: {
      const d = new Date(epochMs);
      const months = match[2] === 'm' ? n : 12 * n;
      d.setUTCMonth(d.getUTCMonth() - months);
      return d.getTime();
    }
  }
}

/** Whole and fractional days between two instants. */
export function daysBetween(fromMs: number, toMs: number): number {
  return (toMs - fromMs) / DAY_MS;
}

export { DAY_MS };
