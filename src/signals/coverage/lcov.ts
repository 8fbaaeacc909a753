/**
 * lcov tracefiles (`lcov.info`; written by geninfo/lcov, c8/Istanbul, coverage.py, ...).
 *
 * Line semantics: every `DA:<line>,<hits>[,<checksum>]` of a record is a coverable line,
 * covered when hits > 0. The same SF may appear in several records (one per test name):
 * hits add up, as `lcov -a` merges them. A record with no DA but `LF`/`LH` counts (some
 * generators summarise only) becomes a totals-only entry, refused when LH > LF. Function and branch records are
 * not line coverage and are skipped.
 *
 * Strictness: every record must end with `end_of_record` (a missing one at EOF means the
 * file was truncated), and DA fields must be plain non-negative integers; anything else is
 * a UserError at that line, because a half-read report would under-report coverage.
 *
 * This is the hot path of mldebt's throughput goal (>= 100 MB/s): DA lines are parsed in
 * place, by hand, and tallied in a dense array per file (a Map per file costs half the
 * throughput in cache misses), as long as the array stays in proportion to the file's
 * records (see {@link DENSE_SLOTS_PER_RECORD}); the arrays become the seam's Maps once, at
 * the end.
 */
import { decodeUtf8, readLineSpansOf } from './read-lines.js';
import {
  failAt,
  MAX_LINE_NUMBER,
  parseCount,
  quotePath,
  type ReportSource,
} from './report-errors.js';
import type { FileHits, RawCoverageReport } from './types.js';

const CHAR_D = 68;
const CHAR_A = 65;
const CHAR_COLON = 58;
const CHAR_0 = 48;
const CHAR_9 = 57;
const CHAR_COMMA = 44;

/**
 * The dense array of a file grows to a line only while that line is below this many slots
 * per DA record seen for the file, plus {@link DENSE_SLACK}; a line further out goes to the
 * file's Map. So the array never outgrows the records that fill it (a few KB of records
 * naming line 1,048,575 in many files once took gigabytes), while real tracefiles, whose
 * lines come nearly in order from the top of the file, stay dense and fast.
 */
const DENSE_SLOTS_PER_RECORD = 4;
const DENSE_SLACK = 64;

const DA_RULE = `malformed DA record (expected DA:<line>,<hits>)`;

/** Marks a line no DA record named (hits are never negative). */
const NO_LINE = -1;

/** Hits per line of one source file, across all its records. */
interface LineTally {
  /** Index = line number; {@link NO_LINE} marks lines without a DA record. */
  dense: number[];
  /** Lines beyond the dense array when they came; a line can be in both, its hits add up. */
  sparse: Map<number, number> | null;
  /** DA records read for the file, which bound how far the dense array may grow. */
  records: number;
}

interface OpenRecord {
  path: string;
  startLine: number;
  tally: LineTally | null;
  linesFound: number | null;
  linesHit: number | null;
  /** Where the LH record is, to point at it when it contradicts LF. */
  linesHitAt: number;
}

/** Streams an lcov tracefile into per-file line hits. */
export async function readLcovReport(source: ReportSource): Promise<RawCoverageReport> {
  const tallies = new Map<string, LineTally>();
  const totals = new Map<string, { covered: number; coverable: number }>();
  // A holder rather than a `let`: the line callback replaces the open record as it goes.
  const state: { record: OpenRecord | null } = { record: null };

  const lastLine = await readLineSpansOf(source, (text, start, end, lineNumber) => {
    const record = state.record;
    // DA lines are the bulk of any tracefile: recognised and parsed in place, unsliced.
    if (
      text.charCodeAt(start) === CHAR_D &&
      text.charCodeAt(start + 1) === CHAR_A &&
      text.charCodeAt(start + 2) === CHAR_COLON
    ) {
      if (record === null) failAt(source, lineNumber, 1, 'DA record outside an SF block');
      record.tally ??= obtainTally(tallies, record.path);
      const column = parseDaInto(record.tally, text, start, end);
      // The record's text is not echoed (nor anywhere below): it could be anything.
      if (column !== 0) failAt(source, lineNumber, column, DA_RULE);
      return;
    }
    const line = text.slice(start, end);
    if (line.startsWith('SF:')) {
      if (record !== null) {
        failAt(
          source,
          lineNumber,
          1,
          `SF record before the end_of_record of ${quotePath(record.path)} (line ${record.startLine})`,
        );
      }
      const path = decodeUtf8(line.slice(3).trim());
      if (path.length === 0) failAt(source, lineNumber, 4, 'SF record without a path');
      state.record = {
        path,
        startLine: lineNumber,
        tally: null,
        linesFound: null,
        linesHit: null,
        linesHitAt: 0,
      };
    } else if (line === 'end_of_record') {
      if (record === null) failAt(source, lineNumber, 1, 'end_of_record without an SF record');
      closeRecord(source, record, tallies, totals);
      state.record = null;
    } else if (line.startsWith('LF:') || line.startsWith('LH:')) {
      const tag = line.slice(0, 2);
      if (record === null) failAt(source, lineNumber, 1, `${tag} record outside an SF block`);
      const count = parseCount(line.slice(3).trim());
      if (count === null) {
        failAt(source, lineNumber, 4, `malformed ${tag} record (expected ${tag}:<count>)`);
      }
      if (tag === 'LF') record.linesFound = count;
      else {
        record.linesHit = count;
        record.linesHitAt = lineNumber;
      }
    } else if (line.trim().length > 0 && !/^[A-Z]+:/.test(line)) {
      // TN, FN, FNDA, FNF, FNH, BRDA, BRF, BRH, VER, FNL, FNA...: not line data. Anything
      // that is not a record at all means the file is not (or no longer) lcov. Its text is
      // not echoed: it could be anything, a secret included.
      failAt(source, lineNumber, 1, 'not an lcov record (expected TAG:value or end_of_record)');
    }
  });

  const open = state.record;
  if (open !== null) {
    failAt(
      source,
      Math.max(lastLine, 1),
      1,
      `truncated lcov report: the record for ${quotePath(open.path)} (line ${open.startLine}) has no end_of_record`,
    );
  }
  return { file: source.name, format: 'lcov', sourceRoots: [], files: toFileHits(tallies, totals) };
}

function obtainTally(tallies: Map<string, LineTally>, path: string): LineTally {
  let tally = tallies.get(path);
  if (!tally) {
    tally = { dense: [], sparse: null, records: 0 };
    tallies.set(path, tally);
  }
  return tally;
}

/**
 * A record without DA lines still names a measured file: with LF/LH it is kept as totals,
 * without them as a file with nothing coverable. LF/LH are then the only evidence for the
 * file, so LH > LF is refused rather than clamped: a self-contradictory record cannot say
 * which number is wrong, and min(LH, LF) would turn the contradiction into 100%. (Where a
 * record has DA lines, LF/LH are not read at all: coverage.py 6.5 writes `LF:0`, `LH:1`
 * beside the `DA:1,1` of a module docstring.)
 */
function closeRecord(
  source: ReportSource,
  record: OpenRecord,
  tallies: Map<string, LineTally>,
  totals: Map<string, { covered: number; coverable: number }>,
): void {
  if (record.tally !== null || tallies.has(record.path)) return;
  if (record.linesFound === null) {
    obtainTally(tallies, record.path);
    return;
  }
  const covered = record.linesHit ?? 0;
  if (covered > record.linesFound) {
    failAt(
      source,
      record.linesHitAt,
      4,
      `LH:${covered} exceeds LF:${record.linesFound} in the record for ${quotePath(record.path)}: more lines hit than found`,
    );
  }
  const previous = totals.get(record.path);
  if (!previous || covered > previous.covered) {
    totals.set(record.path, { covered, coverable: record.linesFound });
  }
}

function toFileHits(
  tallies: Map<string, LineTally>,
  totals: Map<string, { covered: number; coverable: number }>,
): Map<string, FileHits> {
  const files = new Map<string, FileHits>();
  for (const [path, tally] of tallies) {
    const lines = new Map<number, number>();
    const { dense } = tally;
    for (let line = 1; line < dense.length; line++) {
      const hits = dense[line] as number;
      if (hits !== NO_LINE) lines.set(line, hits);
    }
    // A line that went to the Map before the array grew past it has hits in both.
    if (tally.sparse) {
      for (const [line, hits] of tally.sparse) lines.set(line, (lines.get(line) ?? 0) + hits);
    }
    files.set(path, { kind: 'lines', lines });
  }
  // Line data for a path beats totals from another record of it.
  for (const [path, total] of totals) {
    if (!files.has(path)) files.set(path, { kind: 'totals', ...total });
  }
  return files;
}

/**
 * Parses `DA:<line>,<hits>[,<checksum>]` (the span start..end of `text`) into the tally.
 * Returns 0 on success, otherwise the 1-based column where the record stops making sense.
 */
function parseDaInto(tally: LineTally, text: string, start: number, end: number): number {
  let at = start + 3;
  let line = 0;
  while (at < end) {
    const c = text.charCodeAt(at);
    if (c < CHAR_0 || c > CHAR_9) break;
    line = line * 10 + (c - CHAR_0);
    at++;
  }
  if (at === start + 3 || at >= end || text.charCodeAt(at) !== CHAR_COMMA) return at - start + 1;
  if (line > MAX_LINE_NUMBER) return 4;
  const hitsStart = ++at;
  let hits = 0;
  while (at < end) {
    const c = text.charCodeAt(at);
    if (c < CHAR_0 || c > CHAR_9) break;
    hits = hits * 10 + (c - CHAR_0);
    at++;
  }
  // The optional third field is an MD5 checksum of the source line (coverage.py, geninfo).
  if (at === hitsStart || (at < end && text.charCodeAt(at) !== CHAR_COMMA)) return at - start + 1;
  if (at - hitsStart > 15) return hitsStart - start + 1;
  // Line 0 is no source line: coverage.py 6.x writes `DA:0,1,<md5>` for an empty module.
  if (line === 0) return 0;
  const { dense } = tally;
  if (line < dense.length || line < DENSE_SLACK + DENSE_SLOTS_PER_RECORD * tally.records) {
    // Grow by filling with NO_LINE: writing past the end of a JS array leaves holes, and
    // V8 keeps a hole-free array of small integers in its fastest representation.
    while (dense.length <= line) dense.push(NO_LINE);
    const previous = dense[line] as number;
    dense[line] = (previous === NO_LINE ? 0 : previous) + hits;
  } else {
    tally.sparse ??= new Map();
    tally.sparse.set(line, (tally.sparse.get(line) ?? 0) + hits);
  }
  tally.records++;
  return 0;
}
