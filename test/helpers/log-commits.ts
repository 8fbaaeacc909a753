/**
 * Commits as the history stream yields them, made by hand for the aggregators' unit tests:
 * each a distinct hash, by Ana unless told, dated `daysAgo` before {@link UNTIL}.
 */
import type { LogCommit } from '../../src/signals/git/log-stream.js';

export const DAY = 86_400;
/** The window end the unit tests measure from (epoch seconds). */
export const UNTIL = 1_780_000_000;
let n = 0;

export function logCommit(
  daysAgo: number,
  subject: string,
  changes: LogCommit['changes'],
  extra: Partial<LogCommit> = {},
): LogCommit {
  n++;
  return {
    hash: n.toString(16).padStart(40, '0'),
    root: false,
    email: 'ana@example.com',
    name: 'Ana',
    time: UNTIL - daysAgo * DAY,
    subject,
    changes,
    ...extra,
  };
}
