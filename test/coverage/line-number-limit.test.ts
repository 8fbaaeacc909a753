/**
 * Line numbers above 10,000,000 are refused in every format, with the report's name (and
 * line where the format has lines): no source file has that many lines, and one file's
 * lines live in a JavaScript Map, which holds at most 2^24 (16,777,216) entries; past
 * that, a report of distinct lines crashed with a RangeError (exit 3) instead of exit 2.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { readCoverageReport } from '../../src/signals/coverage/index.js';

const dir = mkdtempSync(join(tmpdir(), 'mldebt-line-limit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LAST_ACCEPTED = 10_000_000;

/** One file with one covered line `n`, in each format. */
const reports: Record<string, (n: number) => string> = {
  lcov: (n) => `SF:a.c\nDA:${n},1\nend_of_record\n`,
  cobertura: (n) =>
    `<coverage line-rate="1"><packages><package><classes><class filename="a.py"><lines>` +
    `<line number="${n}" hits="1"/></lines></class></classes></package></packages></coverage>`,
  clover: (n) =>
    `<coverage clover="4"><project><file path="a.php"><line num="${n}" count="1" type="stmt"/></file></project></coverage>`,
  jacoco: (n) =>
    `<report name="r"><package name="p"><sourcefile name="A.java"><line nr="${n}" mi="0" ci="1"/></sourcefile></package></report>`,
  'coveragepy-json': (n) =>
    JSON.stringify({ meta: {}, files: { 'a.py': { executed_lines: [n], missing_lines: [] } } }),
  'istanbul-final': (n) =>
    JSON.stringify({ 'a.js': { statementMap: { '0': { start: { line: n } } }, s: { '0': 1 } } }),
  go: (n) => `mode: set\nexample.com/m/a.go:${n}.1,${n}.9 1 1\n`,
};

it.each(Object.keys(reports))('%s: line 10,000,000 is read, 10,000,001 refused', async (format) => {
  const make = reports[format]!;
  const ok = join(dir, `${format}-ok`);
  writeFileSync(ok, make(LAST_ACCEPTED));
  const read = await readCoverageReport(ok);
  expect(read.format).toBe(format);
  const [hits] = read.files.values();
  expect(hits).toEqual({ kind: 'lines', lines: new Map([[LAST_ACCEPTED, 1]]) });

  const bad = join(dir, `${format}-bad`);
  writeFileSync(bad, make(LAST_ACCEPTED + 1));
  const error = await readCoverageReport(bad).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).format()).toContain(bad);
});
