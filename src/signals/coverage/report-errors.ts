/**
 * What every reader shares: where the report is, how the user named it, and how a reader
 * says "this report is broken here". A broken report is the user's input, so it is a
 * {@link UserError} (exit 2) located at the offending line, never an internal error and
 * never a silently empty report.
 */
import { UserError } from '../../errors.js';

/** A report file to read: `path` to open it, `name` (as the user wrote it) for messages. */
export interface ReportSource {
  path: string;
  name: string;
}

/**
 * Line numbers above this are not source lines but garbage in the report (no real source
 * file has ten million lines); refusing them keeps a corrupt field from reading as data.
 * It also keeps one file's lines within what a JavaScript Map holds (2^24 entries), which
 * a report of distinct lines would otherwise overflow with a RangeError.
 */
export const MAX_LINE_NUMBER = 10_000_000;

/**
 * What a line-number field must be, for messages: the field's own text is never echoed, as
 * it is the report's content and could be anything, a secret included.
 */
export const LINE_NUMBER_RULE = `a line number from 1 to ${formatCount(MAX_LINE_NUMBER)}`;

/**
 * `10,000,000`: an integer with `,` thousands separators, the same on every machine. Not
 * `toLocaleString`: its first call loads ICU locale data, about 8 MB of RSS, at module load.
 */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** How many characters of a path from a report a message quotes. */
const MAX_QUOTED_PATH = 120;

/**
 * Characters a message must not carry raw: C0 and C1 controls (`\p{Cc}`) and the Unicode
 * line separators. A report path can hold any of them (a JSON escape, an XML character
 * reference, a byte in an lcov line), and raw they would split the message's one line or
 * hand the terminal an escape sequence.
 */
const UNPRINTABLE = /[\p{Cc}\u2028\u2029]/gu;

const NAMED_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A path from a report, for a message: control characters escaped (`\n`, `\u001b`), then
 * whole when short, else its head and tail around an ellipsis (the file name stays
 * visible), so a hostile path can neither make a message huge nor break its line.
 */
export function quotePath(path: string): string {
  const printable = path.replace(
    UNPRINTABLE,
    (c) => NAMED_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  if (printable.length <= MAX_QUOTED_PATH) return printable;
  const half = Math.floor((MAX_QUOTED_PATH - 1) / 2);
  return `${printable.slice(0, half)}…${printable.slice(printable.length - half)}`;
}

/** Throws a UserError pointing at `line:column` (1-based) of the report. */
export function failAt(source: ReportSource, line: number, column: number, message: string): never {
  throw new UserError(message, { file: source.name, line, column });
}

/**
 * Parses a decimal integer field of a report, or returns null when it is not one (signs,
 * fractions, exponents and empty strings are all refused: no format we read writes them).
 */
export function parseCount(text: string | undefined): number | null {
  if (text === undefined || text.length === 0 || text.length > 16) return null;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  return Number(text);
}

/** Parses a 1-based source line number, refusing zero and absurd values. */
export function parseLineNumber(text: string | undefined): number | null {
  const n = parseCount(text);
  return n !== null && n >= 1 && n <= MAX_LINE_NUMBER ? n : null;
}
