/**
 * Property tests of every coverage reader, in three parts:
 *
 * 1. Well-formed reports written from a random model (generated-reports.ts) read back as
 *    exactly the model's coverable and covered lines per file.
 * 2. Real tools' reports (fixtures/coverage) and generated ones, damaged at random: bytes
 *    and lines deleted, duplicated, cut, hostile text inserted (huge numbers, BOMs, CRLF,
 *    NULs, invalid UTF-8, deep nesting, a marker secret). Reading either succeeds with
 *    covered <= coverable for every file, or throws a UserError (exit 2) of one line that
 *    points into the report and never contains the secret. Anything else is exit 3.
 * 3. The same through `collectCoverage`, with a real directory of repository files, so
 *    path mapping and merging of several reports are exercised too; and a report that
 *    maps to no file fails in one printable line whatever its paths hold.
 *
 * What the properties found is pinned by plain tests at the end.
 *
 * Every case must settle within CASE_LIMIT_MS, so a hang fails a case instead of timing out
 * the suite, and must leave no unhandled rejection behind. Bounded to a few seconds in
 * `npm test`; set MLDEBT_FUZZ_RUNS (runs per property) to search longer, e.g.
 * MLDEBT_FUZZ_RUNS=3000.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import {
  collectCoverage,
  coverageForFiles,
  detectCoverageFormat,
  readCoverageReport,
  READERS,
  type CoverageFormat,
  type CoverageIndex,
  type RawCoverageReport,
} from '../../src/signals/coverage/index.js';
import { MAX_LINE_NUMBER, type ReportSource } from '../../src/signals/coverage/report-errors.js';
import { FIXTURES } from './fixtures.js';
import {
  Draw,
  expectedLines,
  FORMATS,
  lineHits,
  reportModel,
  writeReport,
  type ModelFile,
} from './generated-reports.js';

const FUZZ_RUNS = Number(process.env.MLDEBT_FUZZ_RUNS ?? 0);
/** A longer search may take as long as it needs. */
const TIMEOUT = FUZZ_RUNS > 0 ? 24 * 3600_000 : undefined;

/** Runs per property: the default keeps `npm test` fast; MLDEBT_FUZZ_RUNS searches longer. */
function runs(defaultRuns: number): fc.Parameters<unknown> {
  return { numRuns: FUZZ_RUNS > 0 ? FUZZ_RUNS : defaultRuns };
}

/** How long one property may run in `npm test`, whatever its count of runs (slow machines). */
const PROPERTY_BUDGET_MS = 1500;

/**
 * The predicate, made to pass at once when the property's time budget is spent (without
 * MLDEBT_FUZZ_RUNS only) or one of its cases has hung (see `hung`). Not fast-check's
 * interruptAfterTimeLimit: that races the running case against the budget and counts a
 * case cut off as interrupted, not failed, so a case that hangs would pass.
 */
function timeBoxed<A extends unknown[]>(
  predicate: (...args: A) => Promise<void>,
): (...args: A) => Promise<void> {
  const deadline = FUZZ_RUNS > 0 ? Infinity : performance.now() + PROPERTY_BUDGET_MS;
  return async (...args) => {
    if (performance.now() < deadline && !hung) await predicate(...args);
  };
}

/** Generous: the largest case reads in a few ms, so only a hang or a blow-up comes near. */
const CASE_LIMIT_MS = 2000;

/** Control characters (C0, C1) and line separators, none of which a message may hold. */
const UNPRINTABLE = /[\p{Cc}\u2028\u2029]/u;

/** A marker no message could contain by chance. */
const SECRET = 'Pa55-SECRET-xyz';

const dir = mkdtempSync(join(tmpdir(), 'mldebt-coverage-props-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let written = 0;
/** Writes a report to a fresh file and returns it as a reader's source. */
function writeTemp(bytes: Buffer): ReportSource {
  const path = join(dir, `r${++written}.report`);
  writeFileSync(path, bytes);
  return { path, name: path };
}

type Family = 'lines' | 'xml' | 'json';
const FAMILY: Record<CoverageFormat, Family> = {
  lcov: 'lines',
  go: 'lines',
  cobertura: 'xml',
  jacoco: 'xml',
  clover: 'xml',
  'coveragepy-json': 'json',
  'istanbul-final': 'json',
  'istanbul-summary': 'json',
};

// ---------------------------------------------------------------------------------------
// Every case: settled in time, no stray rejection, and a result or a clean UserError.

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};
process.on('unhandledRejection', onUnhandled);
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
});

/**
 * Whether a case of the running property has hung. The hang is then reported unshrunk:
 * the shrinker would retry hundreds of smaller inputs at up to CASE_LIMIT_MS each, outlast
 * the test's timeout and lose the counterexample. The property's later runs (the
 * shrinker's retries) pass at once instead, so the case that hung is the one reported.
 */
let hung = false;
beforeEach(() => {
  hung = false;
  unhandled.length = 0;
});

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs one read, failing the case when it does not settle within CASE_LIMIT_MS or leaves
 * an unhandled rejection behind (looked for after the next turn of the event loop).
 */
async function settle<T>(task: () => Promise<T>): Promise<Settled<T>> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<'hang'>((resolve) => {
    timer = setTimeout(() => resolve('hang'), CASE_LIMIT_MS);
  });
  let settled: Settled<T> | 'hang';
  try {
    settled = await Promise.race([
      task().then(
        (value): Settled<T> => ({ ok: true, value }),
        (error: unknown): Settled<T> => ({ ok: false, error }),
      ),
      hang,
    ]);
  } finally {
    clearTimeout(timer);
  }
  const elapsed = performance.now() - started;
  hung ||= settled === 'hang';
  expect(settled, `no result after ${CASE_LIMIT_MS} ms`).not.toBe('hang');
  expect(elapsed, 'milliseconds for one report').toBeLessThan(CASE_LIMIT_MS);
  await new Promise((resolve) => setImmediate(resolve));
  expect(unhandled, 'unhandled rejections').toEqual([]);
  return settled as Settled<T>;
}

/** Per file: coverable and covered line counts, checked for sanity on the way. */
function countsOf(report: RawCoverageReport): Map<string, { covered: number; coverable: number }> {
  const counts = new Map<string, { covered: number; coverable: number }>();
  for (const [path, hits] of report.files) {
    expect(typeof path).toBe('string');
    if (hits.kind === 'totals') {
      expect(Number.isSafeInteger(hits.covered) && Number.isSafeInteger(hits.coverable)).toBe(true);
      expect(hits.covered).toBeGreaterThanOrEqual(0);
      expect(hits.covered, `covered <= coverable for ${path}`).toBeLessThanOrEqual(hits.coverable);
      counts.set(path, { covered: hits.covered, coverable: hits.coverable });
      continue;
    }
    let covered = 0;
    for (const [line, count] of hits.lines) {
      expect(Number.isInteger(line) && line >= 1 && line <= MAX_LINE_NUMBER, `line ${line}`).toBe(
        true,
      );
      // NaN fails this too.
      expect(count >= 0, `hits ${count} of line ${line}`).toBe(true);
      if (count > 0) covered++;
    }
    counts.set(path, { covered, coverable: hits.lines.size });
  }
  return counts;
}

/** Index-level invariants after path mapping and merging. */
function checkIndex(index: CoverageIndex, repoFiles: readonly string[]): void {
  const tracked = new Set(repoFiles);
  for (const [path, file] of index.files) {
    expect(tracked.has(path), `${path} is a tracked file`).toBe(true);
    expect(Number.isSafeInteger(file.covered) && Number.isSafeInteger(file.coverable)).toBe(true);
    expect(file.covered).toBeGreaterThanOrEqual(0);
    expect(file.covered, `covered <= coverable for ${path}`).toBeLessThanOrEqual(file.coverable);
  }
  const item = coverageForFiles(index, repoFiles);
  expect(item.covered).toBeLessThanOrEqual(item.coverable);
  if (item.percent !== null) expect(item.percent).toBeLessThanOrEqual(100);
}

interface FailureContext {
  /** The report as written, to bound the line a location may name. */
  bytes: Buffer;
  /** The name messages must use for it. */
  name: string;
  /** Whether every error must carry a location (or, for JSON shapes, a JSON path). */
  located: Family | null;
}

/**
 * A failure must be a UserError (anything else is exit 3 in the CLI) of one short line,
 * without the marker secret, at a place that exists in the report.
 */
function expectCleanUserError(error: unknown, context: FailureContext): void {
  if (!(error instanceof UserError)) {
    expect.fail(
      `not a UserError (exit 3): ${error instanceof Error ? error.stack : String(error)}`,
    );
  }
  const text = error.format();
  // One line, and nothing a terminal would act on (an ESC or C1 CSI could rewrite the log).
  expect(text, 'one printable line').not.toMatch(UNPRINTABLE);
  expect(text.length, 'a short message').toBeLessThan(1000);
  expect(text).not.toContain(SECRET);
  const location = error.location;
  if (location) {
    expect(location.file).toBe(context.name);
    // XML counts a lone CR as a line end too, and XML 1.1 (any `version="1.x"` but 1.0)
    // NEL and U+2028: the bound counts them all.
    const breaks = context.bytes.toString('utf8').match(/\r\n|[\r\n\u0085\u2028]/g);
    const lines = (breaks?.length ?? 0) + 1;
    expect(location.line).toBeGreaterThanOrEqual(1);
    expect(location.line, 'a line the report has').toBeLessThanOrEqual(lines);
    expect(location.column).toBeGreaterThanOrEqual(1);
    expect(location.column).toBeLessThanOrEqual(context.bytes.length + 1);
  } else if (context.located === 'json') {
    // A JSON value of the wrong shape has no line: its JSON path locates it instead.
    expect(text).toMatch(/^coverage report .* is not a valid /);
  } else if (context.located !== null) {
    expect.fail(`no location in "${text}"`);
  }
}

// ---------------------------------------------------------------------------------------
// 1. Generated reports read back exactly

describe.each(FORMATS)('%s written from a model', (format) => {
  it(
    'reads back each file with exactly its coverable and covered lines',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          reportModel(format),
          fc.gen(),
          timeBoxed(async (files, g) => {
            const bytes = writeReport(format, files, new Draw(g));
            const source = writeTemp(bytes);
            const result = await settle(() => readCoverageReport(source.path));
            if (!result.ok) {
              expectCleanUserError(result.error, { ...source, bytes, located: null });
              return expect.fail(`a well-formed report was refused: ${String(result.error)}`);
            }
            const report = result.value;
            expect(report.format).toBe(format);
            countsOf(report);
            expect([...report.files.keys()].sort()).toEqual(files.map((f) => f.path).sort());
            for (const file of files) {
              const hits = report.files.get(file.path)!;
              const expected = expectedLines(file.lines);
              if (hits.kind === 'totals') {
                expect(format).toMatch(/^(istanbul-summary|lcov)$/);
                expect({ covered: hits.covered, coverable: hits.coverable }).toEqual({
                  covered: expected.covered.length,
                  coverable: expected.coverable.length,
                });
              } else {
                const coverable = [...hits.lines.keys()].sort((a, b) => a - b);
                const covered = coverable.filter((line) => hits.lines.get(line)! > 0);
                expect({ path: file.path, coverable, covered }).toEqual({
                  path: file.path,
                  ...expected,
                });
              }
            }
          }),
        ),
        runs(60),
      );
    },
    TIMEOUT,
  );
});

// ---------------------------------------------------------------------------------------
// 2. Damaged reports: a result with covered <= coverable, or a clean UserError

/** The real tools' reports, by the format they are in (text summaries and CSV are not reports). */
function fixtureReports(): Map<CoverageFormat, Buffer[]> {
  const byFormat = new Map<CoverageFormat, Buffer[]>();
  for (const pkg of readdirSync(FIXTURES, { withFileTypes: true })) {
    if (!pkg.isDirectory()) continue;
    const reports = join(FIXTURES, pkg.name, 'reports');
    for (const name of readdirSync(reports)) {
      const bytes = readFileSync(join(reports, name));
      const format = detectCoverageFormat(bytes.toString('utf8'));
      if (format === null) continue;
      byFormat.set(format, [...(byFormat.get(format) ?? []), bytes]);
    }
  }
  return byFormat;
}

const FIXTURE_REPORTS = fixtureReports();

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

/**
 * Text no report holds, for insertion anywhere, by kind; each kind is drawn as often as
 * the others. Not the marker secret: anywhere includes inside a path, which messages
 * quote by design (see SECRET_FORMS).
 */
const HOSTILE: Record<string, Buffer[]> = {
  numbers: [
    '9'.repeat(17),
    '9'.repeat(400),
    '-1',
    '1.5',
    '1e999',
    '1e308',
    '0x1f',
    'NaN',
    '-0',
  ].map(utf8),
  bytes: [
    Buffer.from([0xef, 0xbb, 0xbf]), // a byte-order mark, mid-file
    Buffer.from([0x00]),
    Buffer.alloc(8), // NULs
    Buffer.from([0xff]),
    Buffer.from([0xc3]), // a lone lead byte
    Buffer.from([0xed, 0xa0, 0x80]), // an encoded surrogate
    Buffer.from([0xf4, 0x90, 0x80, 0x80]), // beyond U+10FFFF
    Buffer.from([0xc0, 0xaf]), // overlong
  ],
  breaks: ['\r', '\n', '\r\n', '\t', ' ', '\u2028', '\u0085'].map(utf8),
  lines: [
    'SF:',
    'end_of_record\n',
    'DA:',
    'DA:1048575,1\n',
    'LF:5\nLH:9\n',
    'TN:\n',
    'mode: set\n',
    'a.go:1.1,1000001.1 1 1\n',
    `a.go:${'9'.repeat(2000)}.1,2.1 1 1\n`,
  ].map(utf8),
  xml: [
    '<',
    '>',
    '&',
    '"',
    '</coverage>',
    '<![CDATA[',
    ']]>',
    '<!-- ',
    '<?xml version="1.0"?>',
    '&#0;',
    '&#x110000;',
    '&#x85;',
    '&constructor;',
    '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>',
    '&b;',
    ' xmlns:p="urn:x" ',
    '<p:q/>',
  ].map(utf8),
  json: [
    '{',
    '}',
    '[',
    ']',
    ',',
    ':',
    '"',
    '\\',
    '\\u0000',
    '\\ud800',
    '\\u2028',
    'null',
    'true',
    '"__proto__": {},',
  ].map(utf8),
};

/** Nesting far deeper than any report, for the XML and JSON parsers. */
const deepNesting = fc
  .tuple(fc.constantFrom('[', '{"a":', '<a>', '<a b="1">'), fc.integer({ min: 100, max: 20_000 }))
  .map(([open, depth]) => utf8(open.repeat(depth)));

const hostileChunk = fc.oneof(
  ...Object.values(HOSTILE).map((chunks) => fc.constantFrom(...chunks)),
  fc.uint8Array({ minLength: 1, maxLength: 16 }).map((a) => Buffer.from(a)),
  deepNesting,
);

type Mutation = (bytes: Buffer) => Buffer;

/** An index into `bytes`, from a random natural number (the buffer's length varies). */
const at = (n: number, length: number): number => (length === 0 ? 0 : n % (length + 1));

const byteMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((n) => (b: Buffer) => b.subarray(0, at(n, b.length))),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 64 })).map(([n, count]) => (b: Buffer) => {
    const i = at(n, b.length);
    return Buffer.concat([b.subarray(0, i), b.subarray(i + count)]);
  }),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 200 })).map(([n, count]) => (b: Buffer) => {
    const i = at(n, b.length);
    return Buffer.concat([b.subarray(0, i + count), b.subarray(i)]);
  }),
  fc.tuple(fc.nat(), hostileChunk).map(([n, chunk]) => (b: Buffer) => {
    const i = at(n, b.length);
    return Buffer.concat([b.subarray(0, i), chunk, b.subarray(i)]);
  }),
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })).map(([n, byte]) => (b: Buffer) => {
    const copy = Buffer.from(b);
    if (copy.length > 0) copy[n % copy.length] = byte;
    return copy;
  }),
  // Numbers where the report has digits: one replaced (huge, negative, fractional, an
  // exponent), raised, or swapped with the next (a count beyond its total).
  fc
    .tuple(
      fc.nat(),
      fc.oneof(
        fc.constantFrom('9'.repeat(25), '9'.repeat(2000), '-3', '2.5', '1e3', '00', '0'),
        fc.integer({ min: 1, max: 1000 }),
        fc.constant('swap' as const),
      ),
    )
    .map(([n, change]) => (b: Buffer) => {
      const text = b.toString('latin1');
      const numbers = [...text.matchAll(/\d+/g)];
      const i = n % Math.max(numbers.length, 1);
      const run = numbers[i];
      if (!run) return b;
      const next = numbers[i + 1];
      let end = run.index + run[0].length;
      let replacement: string;
      if (typeof change === 'number') replacement = String(BigInt(run[0]) + BigInt(change));
      else if (change !== 'swap') replacement = change;
      else if (!next) return b;
      else {
        replacement = next[0] + text.slice(end, next.index) + run[0];
        end = next.index + next[0].length;
      }
      return Buffer.concat([b.subarray(0, run.index), utf8(replacement), b.subarray(end)]);
    }),
);

function splitLines(b: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = b.indexOf(0x0a); i !== -1; i = b.indexOf(0x0a, start)) {
    lines.push(b.subarray(start, i));
    start = i + 1;
  }
  lines.push(b.subarray(start));
  return lines;
}

const joinLines = (lines: Buffer[]): Buffer =>
  Buffer.concat(lines.flatMap((line, i) => (i === 0 ? [line] : [utf8('\n'), line])));

const lineMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((n) => (b: Buffer) => {
    const lines = splitLines(b);
    lines.splice(n % lines.length, 1);
    return joinLines(lines);
  }),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 3 })).map(([n, times]) => (b: Buffer) => {
    const lines = splitLines(b);
    const i = n % lines.length;
    lines.splice(i, 0, ...Array<Buffer>(times).fill(lines[i]!));
    return joinLines(lines);
  }),
  fc.tuple(fc.nat(), fc.nat()).map(([n, m]) => (b: Buffer) => {
    const lines = splitLines(b);
    const i = n % lines.length;
    const j = m % lines.length;
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    return joinLines(lines);
  }),
  fc.tuple(fc.nat(), hostileChunk).map(([n, chunk]) => (b: Buffer) => {
    const lines = splitLines(b);
    lines.splice(n % (lines.length + 1), 0, chunk);
    return joinLines(lines);
  }),
  // Every line of one kind gone (all `DA:` lines, all `<line` elements): a report of
  // summaries only, or one whose records lost their data.
  fc.nat().map((n) => (b: Buffer) => {
    const lines = splitLines(b);
    const kindOf = (line: Buffer): string => line.toString('latin1').trimStart().slice(0, 5);
    const kind = kindOf(lines[n % lines.length]!);
    return joinLines(lines.filter((line) => kindOf(line) !== kind));
  }),
);

/** One line longer than any reader accepts (they refuse lines over 1 MiB). */
const LONG_LINE = utf8(`${'x'.repeat(1024 * 1024 + 10)}\n`);

/** Latin1 round-trips every byte, so a text edit of the whole file keeps invalid UTF-8. */
const editText = (b: Buffer, edit: (text: string) => string): Buffer =>
  Buffer.from(edit(b.toString('latin1')), 'latin1');

const wholeFileMutation: fc.Arbitrary<Mutation> = fc.constantFrom<Mutation>(
  (b) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b]),
  (b) => editText(b, (text) => text.replace(/\r?\n/g, '\r\n')),
  (b) => editText(b, (text) => text.replace(/\n/g, '\r')),
  (b) => Buffer.concat([b, b]),
  (b) => Buffer.concat([b, LONG_LINE]),
);

const mutations = fc.array(
  fc.oneof(
    { weight: 6, arbitrary: byteMutation },
    { weight: 4, arbitrary: lineMutation },
    { weight: 1, arbitrary: wholeFileMutation },
  ),
  { minLength: 1, maxLength: 4 },
);

/**
 * The marker secret where a report carries values, never where it carries a path or a
 * name: paths are quoted in messages by design (the user must see which entry is wrong),
 * and no tool writes a secret as an element name. Inserted after the other mutations, at a
 * place the family's syntax makes a value: a whole line of its own (lcov, Go), an element
 * or comment (XML: starting with `<`, it can never become part of an attribute), a member
 * or array element (JSON: starting a fresh key, it breaks any string it lands in).
 */
const SECRET_FORMS: Record<Family, string[]> = {
  lines: [
    `password=${SECRET}`,
    `api_key: ${SECRET}`,
    `TN:${SECRET}`,
    `FN:1,${SECRET}`,
    `DA:1,1,${SECRET}`,
    `DA:${SECRET},1`,
    `LF:${SECRET}`,
    `x.go:1.1,2.1 1 ${SECRET}`,
  ],
  xml: [
    `<x password="${SECRET}"/>`,
    `<!-- token: ${SECRET} -->`,
    `<p>password: ${SECRET}</p>`,
    `<![CDATA[secret=${SECRET}]]>`,
    `<line number="${SECRET}" hits="1"/>`,
    `<line nr="1" mi="${SECRET}" ci="1"/>`,
    `<line num="1" type="stmt" count="${SECRET}"/>`,
    `<line num="1" type="cond" truecount="${SECRET}"/>`,
    `<source>${SECRET}</source>`,
  ],
  json: [
    `"password": "${SECRET}", `,
    `"executed_lines": ["${SECRET}"], `,
    `"lines": {"total": "${SECRET}", "covered": 1}, `,
    `"s": {"0": "${SECRET}"}, `,
    `"start": {"line": "${SECRET}"}, `,
  ],
};

/** Where a secret form may go: after a newline, a `>`, or a `{` / `,` / `[`. */
const INSERT_AFTER: Record<Family, RegExp> = {
  lines: /\n/g,
  xml: />/g,
  json: /[{,[]/g,
};

function insertSecret(bytes: Buffer, family: Family, form: number, place: number): Buffer {
  const forms = SECRET_FORMS[family];
  let text = forms[form % forms.length]!;
  if (family === 'lines') text = `${text}\n`;
  const latin1 = bytes.toString('latin1');
  const places = [0, ...[...latin1.matchAll(INSERT_AFTER[family])].map((m) => m.index + 1)];
  const i = places[place % places.length]!;
  if (family === 'lines' && i > 0 && latin1[i - 1] !== '\n') text = `\n${text}`;
  return Buffer.concat([bytes.subarray(0, i), utf8(text), bytes.subarray(i)]);
}

const secretInsertion = fc.option(fc.tuple(fc.nat(), fc.nat()), { nil: undefined });

/** A report to damage: a real tool's, or one written from a model. */
function seedReport(format: CoverageFormat): fc.Arbitrary<(draw: Draw) => Buffer> {
  const fixtures = FIXTURE_REPORTS.get(format) ?? [];
  const generated = reportModel(format).map(
    (files) => (draw: Draw) => writeReport(format, files, draw),
  );
  if (fixtures.length === 0) return generated;
  return fc.oneof(
    fc.constantFrom(...fixtures).map((bytes) => () => bytes),
    generated,
  );
}

it('has a real tool report of every format to damage', () => {
  expect([...FIXTURE_REPORTS.keys()].sort()).toEqual([...FORMATS].sort());
});

describe.each(FORMATS)('%s, damaged', (format) => {
  it(
    'reads with covered <= coverable, or fails with a one-line UserError at its place, never echoing the secret',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          seedReport(format),
          fc.gen(),
          mutations,
          secretInsertion,
          timeBoxed(async (seed, g, edits, secret) => {
            let bytes = seed(new Draw(g));
            for (const edit of edits) bytes = edit(bytes);
            if (secret) bytes = insertSecret(bytes, FAMILY[format], ...secret);
            const source = writeTemp(bytes);

            // Through detection, as the CLI reads it: it may take it for another format.
            const detected = await settle(() => readCoverageReport(source.path));
            if (detected.ok) countsOf(detected.value);
            else expectCleanUserError(detected.error, { ...source, bytes, located: null });

            // And by the format's own reader, whatever detection would say.
            const direct = await settle(() => READERS[format](source));
            if (direct.ok) countsOf(direct.value);
            else {
              expectCleanUserError(direct.error, { ...source, bytes, located: FAMILY[format] });
            }
          }),
        ),
        runs(80),
      );
    },
    TIMEOUT,
  );
});

// ---------------------------------------------------------------------------------------
// 3. Through collectCoverage, onto a real directory of repository files

/**
 * Repository files, all two segments deep (`dir/name.ext`): none is a tail of another, so
 * every spelling of a path below maps to exactly one file, suffix matching included.
 */
const repoFiles = fc.uniqueArray(
  fc
    .tuple(
      fc.constantFrom('src', 'lib', 'pkg', 'app', 'mödel', 'my dir'),
      fc.constantFrom('a', 'b', 'train', 'eval', 'データ', 'x y', 'c%41'),
      fc.constantFrom('py', 'js', 'go', 'java', 'c'),
    )
    .map(([d, n, e]) => `${d}/${n}.${e}`),
  { minLength: 1, maxLength: 8 },
);

interface PlannedReport {
  format: CoverageFormat;
  /** Repository path of each entry, with its lines; a file may appear twice (two spellings). */
  entries: { file: string; lines: ReadonlyMap<number, number> }[];
}

const plannedReports = (files: readonly string[]): fc.Arbitrary<PlannedReport[]> =>
  fc.array(
    fc.record({
      format: fc.constantFrom(...FORMATS),
      entries: fc
        .array(
          fc.record({
            file: fc.constantFrom(...files),
            lines: lineHits(fc.integer({ min: 1, max: 30 })),
          }),
          {
            minLength: 1,
            maxLength: 6,
          },
        )
        // A file at most twice in one report (under two spellings): every format has as many.
        .map((entries) =>
          entries.filter((e, i) => entries.slice(0, i).filter((f) => f.file === e.file).length < 2),
        ),
    }),
    { minLength: 1, maxLength: 3 },
  );

/**
 * How `format` may spell repository path `file` from a report in `root`/reports, for the
 * mapping rules: relative to the root (with `./` or Windows separators), absolute under the
 * root, a file URL, absolute on a CI machine, or a Go import path / Java package path.
 */
function spellings(format: CoverageFormat, file: string, root: string): string[] {
  if (format === 'go') return [`example.com/mod/${file}`, `${root}/${file}`, `/ci/go/src/${file}`];
  if (format === 'jacoco') return [file, `com/acme/${file}`, `org/example/app/${file}`];
  return [
    file,
    `./${file}`,
    `${root}/${file}`,
    pathToFileURL(`${root}/${file}`).href,
    `/home/runner/work/project/${file}`,
    file.replace(/\//g, '\\'),
  ];
}

/** What collectCoverage must give: a line coverable in any report, covered if hit in any. */
function expectedIndex(
  reports: readonly PlannedReport[],
): Map<string, { covered: number; coverable: number }> {
  const lines = new Map<string, Map<number, boolean>>();
  const totals = new Map<string, { covered: number; coverable: number }>();
  for (const report of reports) {
    for (const entry of report.entries) {
      const { coverable, covered } = expectedLines(entry.lines);
      if (report.format === 'istanbul-summary') {
        // Totals only: the best-covered entry stands (more lines on a tie).
        const best = totals.get(entry.file);
        const next = { covered: covered.length, coverable: coverable.length };
        if (
          !best ||
          next.covered > best.covered ||
          (next.covered === best.covered && next.coverable > best.coverable)
        ) {
          totals.set(entry.file, next);
        }
        continue;
      }
      const merged = lines.get(entry.file) ?? new Map<number, boolean>();
      for (const line of coverable)
        merged.set(line, merged.get(line) === true || covered.includes(line));
      lines.set(entry.file, merged);
    }
  }
  const expected = new Map<string, { covered: number; coverable: number }>();
  for (const [file, total] of totals) expected.set(file, total);
  // Line data beats totals for the same file.
  for (const [file, merged] of lines) {
    expected.set(file, {
      covered: [...merged.values()].filter(Boolean).length,
      coverable: merged.size,
    });
  }
  return expected;
}

/** A fresh repository directory with the files on disk, and the reports written into it. */
function writeRepo(
  files: readonly string[],
  reports: readonly PlannedReport[],
  draw: Draw,
): { root: string; reportNames: string[]; reportBytes: Buffer[] } {
  const root = mkdtempSync(join(dir, 'repo-'));
  for (const file of files) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), '');
  }
  mkdirSync(join(root, 'reports'));
  const reportNames: string[] = [];
  const reportBytes: Buffer[] = [];
  reports.forEach((report, i) => {
    const model: ModelFile[] = [];
    for (const entry of report.entries) {
      // Two entries of one report never share a spelling: a report lists a path once.
      const unused = spellings(report.format, entry.file, root).filter(
        (path) => !model.some((m) => m.path === path),
      );
      model.push({ path: draw.pick(unused), lines: entry.lines });
    }
    const sourceRoots = draw.bool() ? [root] : ['/home/runner/work/project', root];
    // An empty lcov record as line data, as the oracle counts it.
    const bytes = writeReport(report.format, model, draw, { sourceRoots, lcovEmptyCounts: false });
    const name = `reports/r${i}-${report.format}`;
    writeFileSync(join(root, name), bytes);
    reportNames.push(name);
    reportBytes.push(bytes);
  });
  return { root, reportNames, reportBytes };
}

describe('collectCoverage over a real repository directory', () => {
  it(
    'maps every spelling of a path and merges reports: exactly the model, covered <= coverable',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          repoFiles.chain((files) => fc.tuple(fc.constant(files), plannedReports(files))),
          fc.gen(),
          timeBoxed(async ([files, reports], g) => {
            const { root, reportNames } = writeRepo(files, reports, new Draw(g));
            try {
              const result = await settle(() =>
                collectCoverage(reportNames, { cwd: root, repoRoot: root, repoFiles: [...files] }),
              );
              if (!result.ok) return expect.fail(`refused: ${String(result.error)}`);
              const index = result.value;
              checkIndex(index, files);
              const expected = expectedIndex(reports);
              const actual = new Map(
                [...index.files].map(([path, f]) => [
                  path,
                  { covered: f.covered, coverable: f.coverable },
                ]),
              );
              expect(actual).toEqual(expected);
              for (const summary of index.reports) {
                expect(summary.unmapped, summary.file).toEqual([]);
                expect(summary.mapped).toBe(summary.entries);
              }
              let covered = 0;
              let coverable = 0;
              for (const total of expected.values()) {
                covered += total.covered;
                coverable += total.coverable;
              }
              const item = coverageForFiles(index, files);
              expect({ covered: item.covered, coverable: item.coverable }).toEqual({
                covered,
                coverable,
              });
              expect(item.measuredFiles).toBe(expected.size);
            } finally {
              rmSync(root, { recursive: true, force: true });
            }
          }),
        ),
        runs(40),
      );
    },
    TIMEOUT,
  );

  it(
    'with one report damaged: covered <= coverable for every file, or a clean UserError',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          repoFiles.chain((files) => fc.tuple(fc.constant(files), plannedReports(files))),
          fc.gen(),
          fc.nat(),
          mutations,
          secretInsertion,
          timeBoxed(async ([files, reports], g, which, edits, secret) => {
            const { root, reportNames, reportBytes } = writeRepo(files, reports, new Draw(g));
            try {
              const i = which % reports.length;
              let bytes = reportBytes[i]!;
              for (const edit of edits) bytes = edit(bytes);
              if (secret) bytes = insertSecret(bytes, FAMILY[reports[i]!.format], ...secret);
              writeFileSync(join(root, reportNames[i]!), bytes);
              const result = await settle(() =>
                collectCoverage(reportNames, { cwd: root, repoRoot: root, repoFiles: [...files] }),
              );
              if (result.ok) checkIndex(result.value, files);
              else {
                expectCleanUserError(result.error, {
                  bytes,
                  name: reportNames[i]!,
                  located: null,
                });
              }
            } finally {
              rmSync(root, { recursive: true, force: true });
            }
          }),
        ),
        runs(40),
      );
    },
    TIMEOUT,
  );
});

describe('collectCoverage of a report that maps to no file', () => {
  it(
    'fails with one printable line, whatever the paths hold',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc
            .constantFrom(...FORMATS)
            .chain((format) => fc.tuple(fc.constant(format), reportModel(format), fc.gen())),
          timeBoxed(async ([format, files, g]) => {
            const root = mkdtempSync(join(dir, 'repo-'));
            try {
              // The one tracked file shares no name with any report path.
              writeFileSync(join(root, 'tracked.none'), '');
              const bytes = writeReport(format, files, new Draw(g));
              writeFileSync(join(root, 'report'), bytes);
              const result = await settle(() =>
                collectCoverage(['report'], {
                  cwd: root,
                  repoRoot: root,
                  repoFiles: ['tracked.none'],
                }),
              );
              expect(result.ok, 'a report of no tracked file is refused').toBe(false);
              if (!result.ok) {
                expectCleanUserError(result.error, { bytes, name: 'report', located: null });
                expect((result.error as UserError).message).toMatch(
                  /^coverage report report \([\w-]+\): none of its \d+ file paths matches /,
                );
              }
            } finally {
              rmSync(root, { recursive: true, force: true });
            }
          }),
        ),
        runs(60),
      );
    },
    TIMEOUT,
  );
});

// ---------------------------------------------------------------------------------------
// What these properties found, each pinned by a plain test

describe('found by the properties', () => {
  it('a Go block with a 2,000-digit line number is refused in a short message', async () => {
    const source = writeTemp(utf8(`mode: set\nm/a.go:${'9'.repeat(2000)}.1,2.1 1 1\n`));
    const error = await readCoverageReport(source.path).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserError);
    // It once echoed all 2,000 digits.
    expect((error as UserError).format()).toBe(
      `${source.name}:2:8: block lines <2,000 digits>..2 are not a line range`,
    );
  });

  // Report paths are quoted in messages, and a path may hold any character its format can
  // carry: a newline split the message, an ESC could recolour or rewrite the terminal.
  it('an lcov path with a CR and an ESC is quoted printably', async () => {
    const source = writeTemp(utf8('SF:src/a\rb\x1b[2Kc.py\nDA:1,1\n'));
    await expect(readCoverageReport(source.path)).rejects.toThrow(
      'truncated lcov report: the record for src/a\\rb\\u001b[2Kc.py (line 1) has no end_of_record',
    );
  });

  it('a JSON key with a line separator or a C1 CSI is quoted printably', async () => {
    const source = writeTemp(
      utf8(
        '{"total": {"lines": {"total": 1, "covered": 1}}, "a\u2028b\u009bc.js": {"lines": {"total": 1, "covered": 2}}}',
      ),
    );
    await expect(readCoverageReport(source.path)).rejects.toThrow(
      `coverage report ${source.name} is not a valid Istanbul coverage-summary.json: ["a\\u2028b\\u009bc.js"].lines: covered exceeds total`,
    );
  });

  it('the first path of a report that maps nowhere is quoted printably', async () => {
    const root = mkdtempSync(join(dir, 'repo-'));
    writeFileSync(
      join(root, 'clover.xml'),
      '<coverage clover="3.2.0"><project><file path="a&#10;b&#x85;.js"><line num="1" type="stmt" count="1"/></file></project></coverage>',
    );
    await expect(
      collectCoverage(['clover.xml'], { cwd: root, repoRoot: root, repoFiles: ['x.js'] }),
    ).rejects.toThrow(
      `coverage report clover.xml (clover): none of its 1 file paths matches a file tracked in ${root} (first: "a\\nb\\u0085.js")`,
    );
  });

  // zod's record leaves a `__proto__` key out of its output without a word: the file was
  // dropped from the report, and its lines from every figure.
  it.each([
    [
      'coverage.py JSON',
      '{"meta": {}, "files": {"__proto__": {"executed_lines": [1], "missing_lines": [2]}, "b.py": {"executed_lines": [], "missing_lines": [3]}}}',
      1,
    ],
    [
      'Istanbul coverage-final.json',
      '{"__proto__": {"statementMap": {"0": {"start": {"line": 1}}, "1": {"start": {"line": 2}}}, "s": {"0": 4, "1": 0}}, ' +
        '"b.js": {"statementMap": {"0": {"start": {"line": 3}}}, "s": {"0": 0}}}',
      4,
    ],
  ])('%s keeps a file named __proto__', async (_format, text, hits) => {
    const report = await readCoverageReport(writeTemp(utf8(text)).path);
    expect([...report.files.keys()]).toEqual(['__proto__', expect.stringMatching(/^b\./)]);
    expect(report.files.get('__proto__')).toEqual({
      kind: 'lines',
      lines: new Map([
        [1, hits],
        [2, 0],
      ]),
    });
  });

  it('Istanbul coverage-summary.json keeps a file named __proto__', async () => {
    const report = await readCoverageReport(
      writeTemp(
        utf8(
          '{"total": {"lines": {"total": 3, "covered": 1}}, "__proto__": {"lines": {"total": 2, "covered": 1}}, ' +
            '"b.js": {"lines": {"total": 1, "covered": 0}}}',
        ),
      ).path,
    );
    expect(report.files).toEqual(
      new Map([
        ['__proto__', { kind: 'totals', covered: 1, coverable: 2 }],
        ['b.js', { kind: 'totals', covered: 0, coverable: 1 }],
      ]),
    );
  });

  it('a file named __proto__ is checked like any other', async () => {
    const source = writeTemp(
      utf8(
        '{"total": {"lines": {"total": 3, "covered": 1}}, "__proto__": {"lines": {"total": 2, "covered": 5}}}',
      ),
    );
    await expect(readCoverageReport(source.path)).rejects.toThrow(
      `coverage report ${source.name} is not a valid Istanbul coverage-summary.json: __proto__.lines: covered exceeds total`,
    );
  });
});
