/**
 * What the property tests of the coverage readers found, each pinned by a plain test. (The
 * properties themselves follow in this file.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { collectCoverage, readCoverageReport } from '../../src/signals/coverage/index.js';
import type { ReportSource } from '../../src/signals/coverage/report-errors.js';

const dir = mkdtempSync(join(tmpdir(), 'mldebt-coverage-props-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let written = 0;
/** Writes a report to a fresh file and returns it as a reader's source. */
function writeTemp(bytes: Buffer): ReportSource {
  const path = join(dir, `r${++written}.report`);
  writeFileSync(path, bytes);
  return { path, name: path };
}

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

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
