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

/** The month {@link isoMonth} answered last: [from, to) and its text. */
let lastMonth = { from: 0, to: -1, text: '' };

/** `YYYY-MM` of an instant, in UTC (the bucket of the monthly fix series). */
export function isoMonth(epochMs: number): string {
  // A history pass asks for every fix commit, month after month: the last month's bounds
  // answer most calls without making a Date and its ISO text.
  if (epochMs >= lastMonth.from && epochMs < lastMonth.to) return lastMonth.text;
  const date = new Date(epochMs);
  const text = date.toISOString().slice(0, 7);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  lastMonth = { from: Date.UTC(year, month, 1), to: Date.UTC(year, month + 1, 1), text };
  return text;
}

/** Midnight UTC at the start of a `YYYY-MM-DD` day. */
export function dayStart(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** The last millisecond of a `YYYY-MM-DD` day (so `--until 2026-11-21` includes that day). */
export function dayEnd(day: string): number {
  return dayStart(day) + DAY_MS - 1;
}

/** A duration's unit: days, weeks, calendar months, calendar years. */
export type DurationUnit = 'd' | 'w' | 'm' | 'y';

/**
 * The longest duration accepted in each unit: 1000 years, however it is written. Longer ones
 * are typos or attacks (`300000y`, a 20-digit count), and would leave the range of dates
 * JavaScript and git can represent; no history window needs more.
 */
export const MAX_DURATION: Readonly<Record<DurationUnit, number>> = {
  d: 365_000,
  w: 52_000,
  m: 12_000,
  y: 1_000,
};

/** `180d`, `26w`, `12m`, `1y`: a whole count from 1 and a unit (the schema's pattern too). */
export const DURATION_PATTERN = /^([1-9]\d*)([dwmy])$/;
const DURATION_FORM = 'a duration like 180d, 26w, 12m or 1y';
const DURATION_BOUND = `a duration of at most 1000 years (${MAX_DURATION.d}d, ${MAX_DURATION.w}w, ${MAX_DURATION.m}m or ${MAX_DURATION.y}y)`;

/**
 * Why `text` is not a usable duration, as an "expected …" phrase, or undefined when it is one.
 * The one rule for `settings.window`, `settings.stale_after` and `--since`: a whole count from
 * 1 (no leading zero) and a unit d, w, m or y, at most 1000 years.
 */
export function checkDuration(text: string): string | undefined {
  const match = DURATION_PATTERN.exec(text);
  if (!match) return `expected ${DURATION_FORM}`;
  // A count of 400 digits is Infinity here, and still compares as too long.
  if (Number(match[1]) > MAX_DURATION[match[2] as DurationUnit])
    return `expected ${DURATION_BOUND}`;
  return undefined;
}

/**
 * Subtracts a duration (`180d`, `26w`, `12m`, `1y`) from an instant. Months and years are
 * calendar months and years (`12m` before 2026-11-21 is 2025-11-21, `1m` before 2026-03-31
 * is 2026-02-28), days and weeks exact.
 * A duration {@link checkDuration} refuses is a UserError; the result is always a finite
 * instant JavaScript dates can hold (a UserError otherwise), never NaN.
 */
export function subtractDuration(epochMs: number, duration: string): number {
  if (!Number.isFinite(epochMs)) throw new RangeError(`subtractDuration: no instant (${epochMs})`);
  const why = checkDuration(duration);
  if (why !== undefined) throw new UserError(`${why}, got "${clip(duration)}"`);
  const [, count, unit] = DURATION_PATTERN.exec(duration)!;
  const n = Number(count);
  let result: number;
  switch (unit as DurationUnit) {
    case 'd':
      result = epochMs - n * DAY_MS;
      break;
    case 'w':
      result = epochMs - n * 7 * DAY_MS;
      break;
    default: {
      // Calendar months: the same day of the month, or the last day of a shorter month
      // (`1m` before 03-31 is 02-28, not Date's overflow into 03-03).
      const d = new Date(epochMs);
      const months = d.getUTCFullYear() * 12 + d.getUTCMonth() - (unit === 'm' ? n : 12 * n);
      const year = Math.floor(months / 12);
      const month = months - year * 12;
      d.setUTCFullYear(year, month, Math.min(d.getUTCDate(), daysInMonth(year, month)));
      result = d.getTime();
    }
  }
  if (!Number.isFinite(result) || Math.abs(result) > MAX_DATE_MS) {
    // Only a window end far outside any real history gets here (a commit dated year 300000).
    throw new UserError(
      `${duration} back from the window end leaves the range of dates mldebt can represent`,
    );
  }
  return result;
}

/** Days in a month (0-11) of a proleptic Gregorian year; Date.UTC would read year 50 as 1950. */
function daysInMonth(year: number, month: number): number {
  if (month !== 1) return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month]!;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return leap ? 29 : 28;
}

/** The largest instant a JavaScript Date holds, either side of 1970 (ECMA-262: 10^8 days). */
const MAX_DATE_MS = 8.64e15;

/** A user's text for a message: a 1 MB argument must not become a 1 MB line. */
function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Whole and fractional days between two instants. */
export function daysBetween(fromMs: number, toMs: number): number {
  return (toMs - fromMs) / DAY_MS;
}

export { DAY_MS };

/** Every `YYYY-MM` from the month of `since` to the month of `until` (days), both included. */
export function monthsBetween(since: string, until: string): string[] {
  const months: string[] = [];
  let year = Number(since.slice(0, 4));
  let month = Number(since.slice(5, 7));
  const last = until.slice(0, 7);
  for (;;) {
    const current = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    if (current > last) break;
    months.push(current);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}
