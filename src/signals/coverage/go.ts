/**
 * Go cover profiles (`go test -coverprofile`, any `-covermode`).
 *
 * Line semantics: each block `file:startLine.startCol,endLine.endCol numStmt count` makes
 * lines startLine..endLine coverable, and a line is covered when any block spanning it has
 * count > 0 (so a line shared by a run and an unrun block, like `} else {`, is covered).
 * Blocks with no statements make nothing coverable. Go itself reports statements, not lines
 * (`go tool cover -func`), so these figures are mldebt's line view of the same blocks, as
 * lcov converters of Go profiles compute it.
 *
 * The lines all blocks span together are bounded by the profile's size (see
 * {@link SPANNED_LINES_PER_BYTE}); a profile spanning more is refused at the block that
 * passes the bound.
 *
 * Paths are import paths (`example.com/mod/pkg/file.go`); path mapping finds the file by
 * its suffix. Profiles concatenated from several runs repeat the `mode:` line; later ones
 * are skipped.
 */
import { stat } from 'node:fs/promises';
import { readLinesOf } from './read-lines.js';
import { failAt, formatCount, MAX_LINE_NUMBER, type ReportSource } from './report-errors.js';
import { obtainLineMap, raiseHits } from './line-hits.js';
import type { FileHits, RawCoverageReport } from './types.js';

/** No Go block spans a million lines; a larger range is a corrupt field, not code. */
const MAX_BLOCK_LINES = 1_000_000;

/**
 * Every line a block spans becomes an entry of the file's line map, so the lines all blocks
 * span together are bounded by the profile's own size: at most this many per byte, and at
 * least {@link MIN_SPANNED_LINES} for small profiles. Real profiles span well under one
 * line per byte (a block line of ~50 bytes covers a few source lines); a few KB of blocks
 * each spanning a million lines once took gigabytes before failing.
 */
const SPANNED_LINES_PER_BYTE = 10;
const MIN_SPANNED_LINES = 1_000_000;

// The path may itself contain ':' (a Windows drive), so the pattern anchors on the block at
// the end of the line.
const BLOCK = /^(.+):(\d+)\.(\d+),(\d+)\.(\d+) (\d+) (\d+)$/;

/** Streams a Go cover profile into per-file line hits. */
export async function readGoProfileReport(source: ReportSource): Promise<RawCoverageReport> {
  const files = new Map<string, FileHits>();
  const { size } = await stat(source.path);
  const maxSpanned = Math.max(MIN_SPANNED_LINES, SPANNED_LINES_PER_BYTE * size);
  let spanned = 0;
  await readLinesOf(source, (text, lineNumber) => {
    const line = text.trim();
    if (line.length === 0 || line.startsWith('mode:')) return;
    const match = BLOCK.exec(line);
    // The line's text is not echoed: it could be anything, a secret included.
    if (!match) {
      failAt(source, lineNumber, 1, 'not a Go cover profile block (file:l.c,l.c statements count)');
    }
    const [, path = '', start = '', , end = '', , statements = '', count = ''] = match;
    const first = Number(start);
    const last = Number(end);
    if (first < 1 || last < first || last > MAX_LINE_NUMBER || last - first > MAX_BLOCK_LINES) {
      failAt(
        source,
        lineNumber,
        path.length + 2,
        `block lines ${quoteLineField(start)}..${quoteLineField(end)} are not a line range`,
      );
    }
    const lines = obtainLineMap(files, path);
    if (Number(statements) === 0) return;
    spanned += last - first + 1;
    if (spanned > maxSpanned) {
      failAt(
        source,
        lineNumber,
        1,
        `the blocks so far span ${formatCount(spanned)} lines, more than a ` +
          `${formatCount(size)}-byte profile can describe (at most ${formatCount(maxSpanned)}): ` +
          'not a real cover profile',
      );
    }
    const hits = Number(count);
    for (let n = first; n <= last; n++) raiseHits(lines, n, hits);
  });
  return { file: source.name, format: 'go', sourceRoots: [], files };
}

/**
 * A block's line field for a message: as written when it could be a line number, else only
 * its length. The pattern takes digits of any length, and echoing a few KB of them made one
 * message of a few KB.
 */
function quoteLineField(digits: string): string {
  return digits.length <= String(MAX_LINE_NUMBER).length
    ? digits
    : `<${formatCount(digits.length)} digits>`;
}
