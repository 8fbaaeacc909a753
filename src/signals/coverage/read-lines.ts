/**
 * Streams a text report line by line with constant memory, for the line-oriented formats
 * (lcov, Go profiles). Hand-rolled rather than `node:readline`: readline's per-line events
 * cost about half the throughput on a 100 MB lcov, and lcov must parse at 100 MB/s or more.
 *
 * Bytes are decoded as latin1 (one byte, one character: no multi-byte sequence can straddle
 * two reads, and decoding runs ~1.6x faster than UTF-8). Every format we read keeps its
 * syntax in ASCII, so only free text such as a path can hold other bytes, and
 * {@link decodeUtf8} turns such a field back into the UTF-8 text it was.
 */
import { createReadStream } from 'node:fs';
import { failAt, formatCount, type ReportSource } from './report-errors.js';

/**
 * 64 KiB reads: large enough that per-chunk overhead vanishes, small enough that each chunk
 * is a young-generation string the scavenger frees at once (1 MiB chunks land in V8's
 * large-object space, which only a full GC frees, and RSS then creeps with file size).
 */
const CHUNK_BYTES = 64 * 1024;

/**
 * No report format we read has lines anywhere near this long (paths, function names and
 * checksums are at most a few KB); a longer "line" is not a report, and left unchecked it
 * grows until V8 cannot make the string (512 MB) and fails with a RangeError.
 */
const MAX_LINE_CHARS = 1024 * 1024;

/** The UTF-8 byte-order mark EF BB BF, as latin1 decodes it. */
const LATIN1_BOM = '\u00ef\u00bb\u00bf';

/**
 * Calls `onLine` with every line of the file (without its `\n` or `\r\n`, decoded as UTF-8)
 * and its 1-based number; resolves to the number of lines read. A final line without a newline is still a
 * line; a UTF-8 byte-order mark before the first is skipped; a line longer than
 * {@link MAX_LINE_CHARS} is a UserError at its number. Errors thrown by `onLine` abort the read and reject.
 */
export async function readLinesOf(
  source: ReportSource,
  onLine: (line: string, lineNumber: number) => void,
): Promise<number> {
  return readLineSpansOf(source, (text, start, end, lineNumber) =>
    onLine(decodeUtf8(text.slice(start, end)), lineNumber),
  );
}

/**
 * Like {@link readLinesOf}, but hands over each line as `text.slice(start, end)` of latin1
 * text, without making that string: the hot loop of a reader can inspect characters in place and only
 * slice the rare lines it needs, which spares the garbage collector millions of strings.
 */
export async function readLineSpansOf(
  source: ReportSource,
  onLine: (text: string, start: number, end: number, lineNumber: number) => void,
): Promise<number> {
  const stream = createReadStream(source.path, { encoding: 'latin1', highWaterMark: CHUNK_BYTES });
  let carry = '';
  let lineNumber = 0;
  let first = true;
  const tooLong = (): never =>
    failAt(
      source,
      lineNumber + 1,
      1,
      `line longer than ${formatCount(MAX_LINE_CHARS)} characters: no coverage report writes such lines`,
    );
  try {
    for await (const read of stream as AsyncIterable<string>) {
      // A UTF-8 byte-order mark (three bytes, three latin1 characters) is no part of the
      // first line: a record after it must read as it would without it.
      const chunk = first && read.startsWith(LATIN1_BOM) ? read.slice(LATIN1_BOM.length) : read;
      first = false;
      let end = chunk.indexOf('\n');
      if (end === -1) {
        carry += chunk;
        if (carry.length > MAX_LINE_CHARS) tooLong();
        continue;
      }
      // The line split across reads is joined on its own: concatenating whole chunks would
      // hand the loop below a cons-string, on which every charCodeAt takes a slow path.
      let start = 0;
      if (carry.length > 0) {
        const joined = carry + chunk.slice(0, end);
        if (joined.length > MAX_LINE_CHARS) tooLong();
        onLine(joined, 0, trimCarriageReturn(joined, 0, joined.length), ++lineNumber);
        start = end + 1;
        end = chunk.indexOf('\n', start);
      }
      while (end !== -1) {
        onLine(chunk, start, trimCarriageReturn(chunk, start, end), ++lineNumber);
        start = end + 1;
        end = chunk.indexOf('\n', start);
      }
      carry = chunk.slice(start);
    }
  } finally {
    stream.destroy();
  }
  if (carry.length > 0) onLine(carry, 0, trimCarriageReturn(carry, 0, carry.length), ++lineNumber);
  return lineNumber;
}

/** The end of a line without its `\r` (CRLF files from Windows runners). */
function trimCarriageReturn(text: string, start: number, end: number): number {
  return end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
}

/** A field of latin1-decoded text, re-read as the UTF-8 it was written in. */
export function decodeUtf8(latin1: string): string {
  // Pure ASCII (nearly every line) is the same in both: skip the copy.
  return /[\u0080-\u00ff]/.test(latin1) ? Buffer.from(latin1, 'latin1').toString('utf8') : latin1;
}
