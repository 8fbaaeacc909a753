/**
 * The day an incident happened, from the date cell of an export. Accepted, and nothing else:
 * - ISO 8601 days and times: `2026-08-14`, `2026-08-14T15:05:12Z`, `2026-08-14 15:05:12+02:00`
 *   (with an offset or `Z`: the UTC day; without: the day as written);
 * - year-first with slashes, `2026/08/14` with an optional time (the day as written);
 * - Jira's default `dd/MMM/yy h:mm a`, `14/Aug/26 3:05 PM` (also a four-digit year, no time;
 *   English month names; the day as written, in the exporting user's time zone);
 * - epoch seconds (10 digits) or milliseconds (13 digits), as some Opsgenie exports write
 *   `CreatedAt`: the UTC day.
 * Numeric day/month dates (`01/02/2026`) are refused rather than guessed: the same file could
 * mean the 1st of February or January the 2nd.
 */
import { isCalendarDate } from '../../inventory/vocabulary.js';
import { isoDay } from '../../util/dates.js';

export type ParsedDate = { day: string } | { error: string };

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
const YEAR_FIRST = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?$/;
const JIRA =
  /^(\d{1,2})\/([a-z]{3})\/(\d{2}|\d{4})(?:\s+(\d{1,2}):(\d{2})(?::\d{2})?(?:\s*[ap]m)?)?$/i;
const NUMERIC_DAY_MONTH = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b/;
const EPOCH = /^(\d{10}|\d{13})$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const pad = (n: number | string) => String(n).padStart(2, '0');

/** The UTC day of a cell, or why it is not read (a sentence for the message). */
export function parseIncidentDate(text: string): ParsedDate {
  const value = text.trim();
  if (value === '') return { error: 'empty date' };
  const iso = ISO.exec(value);
  if (iso) {
    const [, y, m, d, hh, mm, ss, zone] = iso;
    const day = `${y}-${m}-${d}`;
    if (!isCalendarDate(day)) return { error: 'not a real date' };
    if (zone === undefined) return { day };
    if (Number(hh) > 23 || Number(mm) > 59 || Number(ss ?? 0) > 59) {
      return { error: 'not a real time' };
    }
    const offset = zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
    const ms = Date.parse(`${day}T${hh}:${mm}:${ss ?? '00'}${offset}`);
    return Number.isNaN(ms) ? { error: 'not a real time' } : { day: isoDay(ms) };
  }
  const yearFirst = YEAR_FIRST.exec(value);
  if (yearFirst) return calendarDay(yearFirst[1]!, yearFirst[2]!, yearFirst[3]!);
  const jira = JIRA.exec(value);
  if (jira) {
    const month = MONTHS.indexOf(jira[2]!.toLowerCase());
    if (month < 0) return { error: 'unknown month name' };
    const year = jira[3]!.length === 2 ? `20${jira[3]}` : jira[3]!;
    return calendarDay(year, String(month + 1), jira[1]!);
  }
  if (EPOCH.test(value)) {
    return { day: isoDay(value.length === 10 ? Number(value) * 1000 : Number(value)) };
  }
  if (NUMERIC_DAY_MONTH.test(value)) {
    return {
      error:
        'day/month or month/day? numeric dates are ambiguous: export ISO dates (YYYY-MM-DD) or convert the column',
    };
  }
  return { error: 'not a date mldebt reads (YYYY-MM-DD, an ISO date-time, or Jira dd/MMM/yy)' };
}

function calendarDay(year: string, month: string, day: string): ParsedDate {
  const text = `${year}-${pad(month)}-${pad(day)}`;
  return isCalendarDate(text) ? { day: text } : { error: 'not a real date' };
}

/** A bad date as a message may show it: at most 24 characters, control characters removed. */
export function dateExcerpt(text: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.trim().replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return flat.length > 24 ? `${flat.slice(0, 21)}...` : flat;
}
