/**
 * Every way a coverage report can be unusable is a UserError (exit 2) whose formatted
 * message names the file, and the line where there is one — never an empty report read as
 * 0%. Corrupt inputs are cut or damaged copies of the real tools' reports.
 */
import { mkdirSync, symlinkSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import {
  collectCoverage,
  describeUnmapped,
  readCoverageReport,
} from '../../src/signals/coverage/index.js';
import { readFixture } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'mldebt-bad-coverage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Reads the report and returns the UserError it must throw. */
async function failureOf(file: string): Promise<UserError> {
  const error = await readCoverageReport(file).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

describe('unusable files', () => {
  it('missing file', async () => {
    const error = await failureOf(join(dir, 'nope.info'));
    expect(error.format()).toBe(`coverage report not found: ${join(dir, 'nope.info')}`);
  });

  it('a directory', async () => {
    const path = join(dir, 'coverage-dir');
    mkdirSync(path);
    expect((await failureOf(path)).format()).toBe(
      `coverage report ${path} is a directory, not a file`,
    );
  });

  it('an unreadable file (a symbolic link loop: unreadable even for root, who CI runs as)', async () => {
    const path = join(dir, 'loop.info');
    symlinkSync(path, path);
    expect((await failureOf(path)).format()).toMatch(
      new RegExp(`^cannot read coverage report ${escape(path)}: `),
    );
  });

  it('an empty file', async () => {
    const path = write('empty.xml', '  \n');
    expect((await failureOf(path)).format()).toBe(`coverage report ${path} is empty`);
  });

  it('unknown format', async () => {
    const path = write('coverage.xml', '<html><body>coverage: 80%</body></html>');
    expect((await failureOf(path)).format()).toMatch(
      new RegExp(`^unknown coverage report format: ${escape(path)} \\(expected lcov, `),
    );
  });
});

describe('truncated and corrupt content names the line', () => {
  it('lcov cut before its last end_of_record', async () => {
    const full = readFixture('js-package/reports/lcov.info');
    const cut = full.slice(0, full.lastIndexOf('end_of_record'));
    const path = write('cut.info', cut);
    const lastLine = cut.trimEnd().split('\n').length;
    const sfLine = cut.split('\n').lastIndexOf('SF:src/unused.js') + 1;
    expect((await failureOf(path)).format()).toBe(
      `${path}:${lastLine}:1: truncated lcov report: the record for src/unused.js (line ${sfLine}) has no end_of_record`,
    );
  });

  it('lcov with a non-numeric hit count', async () => {
    const path = write('nan.info', 'TN:\nSF:a.js\nDA:1,1\nDA:2,many\nend_of_record\n');
    expect((await failureOf(path)).format()).toBe(
      `${path}:4:6: malformed DA record (expected DA:<line>,<hits>)`,
    );
  });

  it('lcov with an absurd line number', async () => {
    const path = write('huge.info', 'SF:a.js\nDA:999999999999,1\nend_of_record\n');
    expect((await failureOf(path)).format()).toMatch(
      new RegExp(`^${escape(path)}:2:\\d+: malformed DA record`),
    );
  });

  it('lcov that turns into something else midway, without echoing the line', async () => {
    const path = write('garbage.info', 'SF:a.js\nDA:1,1\npassword=hunter2\nend_of_record\n');
    expect((await failureOf(path)).format()).toBe(
      `${path}:3:1: not an lcov record (expected TAG:value or end_of_record)`,
    );
  });

  it('an lcov totals-only record that hits more lines than it found', async () => {
    // Without DA lines, LF/LH are the only evidence: a contradiction is refused, not read
    // as 100% (min(LH, LF)) nor as 300%.
    const path = write('lh.info', 'TN:\nSF:a.js\nLF:3\nLH:9\nend_of_record\n');
    expect((await failureOf(path)).format()).toBe(
      `${path}:4:4: LH:9 exceeds LF:3 in the record for a.js: more lines hit than found`,
    );
  });

  it('lcov with two SF records and no end_of_record between', async () => {
    const path = write('nested.info', 'SF:a.js\nDA:1,1\nSF:b.js\nDA:1,1\nend_of_record\n');
    expect((await failureOf(path)).format()).toBe(
      `${path}:3:1: SF record before the end_of_record of a.js (line 1)`,
    );
  });

  it('Cobertura XML cut in half (unclosed root)', async () => {
    const full = readFixture('py-package/reports/coverage.xml');
    const cut = full.slice(0, full.indexOf('</class>') + '</class>'.length);
    const path = write('cut.xml', cut);
    const error = await failureOf(path);
    expect(error.location?.file).toBe(path);
    expect(error.location?.line).toBe(cut.split('\n').length);
    expect(error.format()).toMatch(
      new RegExp(`^${escape(path)}:\\d+:\\d+: malformed XML: unclosed tag`),
    );
  });

  it('JaCoCo XML with a broken tag names its line', async () => {
    const full = readFixture('java-package/reports/jacoco.xml').replace(
      '<sourcefile name="Stats.java">',
      '\n<sourcefile name="Stats.java"\n<line',
    );
    const path = write('broken-jacoco.xml', full);
    const error = await failureOf(path);
    expect(error.location?.line).toBe(3);
    expect(error.format()).toMatch(new RegExp(`^${escape(path)}:3:\\d+: malformed XML: `));
  });

  it('Cobertura line with hits that are not a count', async () => {
    const full = readFixture('c-program/reports/gcovr-cobertura.xml');
    const bad = full.replace('hits="1"', 'hits="-3"');
    const line = bad.slice(0, bad.indexOf('hits="-3"')).split('\n').length;
    const path = write('negative.xml', bad);
    expect((await failureOf(path)).format()).toMatch(
      new RegExp(`^${escape(path)}:${line}:\\d+: <line> hits is not a count$`),
    );
  });

  it('Clover XML with a non-numeric count', async () => {
    const bad = readFixture('js-package/reports/clover.xml').replace('count="1"', 'count="one"');
    const line = bad.slice(0, bad.indexOf('count="one"')).split('\n').length;
    const path = write('bad-clover.xml', bad);
    expect((await failureOf(path)).format()).toMatch(
      new RegExp(`^${escape(path)}:${line}:\\d+: <line> count is not a count$`),
    );
  });

  it('coverage-final.json with a syntax error V8 gives a position for', async () => {
    const full = readFixture('js-package/reports/coverage-final.json');
    const at = full.indexOf('"statementMap"');
    const path = write('corrupt.json', `${full.slice(0, at)},${full.slice(at)}`);
    expect((await failureOf(path)).format()).toMatch(
      new RegExp(`^${escape(path)}:1:${at + 1}: corrupt JSON: `),
    );
  });

  it('JSON with a bad token V8 gives no position for, on a later line', async () => {
    const path = write(
      'token.json',
      '{"meta": {"version": "6.5"},\n "files": {\n   "a.py": {"executed_lines": [1, x]}}}',
    );
    expect((await failureOf(path)).format()).toBe(`${path}:3:35: corrupt JSON: unexpected 'x'`);
  });

  it('truncated coverage.py JSON', async () => {
    const full = readFixture('py-package/reports/coverage.json');
    const path = write('truncated.json', full.slice(0, 200));
    expect((await failureOf(path)).format()).toMatch(
      new RegExp(`^${escape(path)}:1:\\d+: corrupt JSON: `),
    );
  });

  it('JSON of the right format but the wrong shape', async () => {
    const path = write('shape.json', '{"meta": {}, "files": {"a.py": {"executed_lines": "all"}}}');
    expect((await failureOf(path)).format()).toMatch(
      new RegExp(
        `^coverage report ${escape(path)} is not a valid coverage.py JSON report: files\\["a.py"\\]\\.executed_lines: `,
      ),
    );
  });

  it('coverage-summary.json with a file covering more lines than it has', async () => {
    const path = write(
      'summary.json',
      JSON.stringify({
        total: { lines: { total: 3, covered: 3 } },
        'src/a.js': { lines: { total: 3, covered: 9 } },
      }),
    );
    expect((await failureOf(path)).format()).toBe(
      `coverage report ${path} is not a valid Istanbul coverage-summary.json: ["src/a.js"].lines: covered exceeds total (more lines covered than there are)`,
    );
  });

  it('Go profile with a malformed block', async () => {
    const path = write(
      'cover.out',
      'mode: set\nexample.com/m/a.go:1.1,2.2 1 1\nexample.com/m/a.go:3.1 1\n',
    );
    expect((await failureOf(path)).format()).toBe(
      `${path}:3:1: not a Go cover profile block (file:l.c,l.c statements count)`,
    );
  });
});

describe('a malformed field is located, never echoed', () => {
  // The field's text is the report's content: it could be anything, a secret included.
  it.each([
    ['secret.info', 'SF:a.js\nDA:1,hunter2-password\nend_of_record\n', 2],
    ['secret-lf.info', 'SF:a.js\nLF:hunter2-password\nend_of_record\n', 2],
    [
      'secret-cobertura.xml',
      '<coverage line-rate="1"><packages><package><classes><class filename="a.py"><lines>\n' +
        '<line number="1" hits="hunter2-password"/></lines></class></classes></package></packages></coverage>',
      2,
    ],
    [
      'secret-cobertura-number.xml',
      '<coverage line-rate="1"><packages><package><classes><class filename="a.py"><lines>\n' +
        '<line number="hunter2-password" hits="1"/></lines></class></classes></package></packages></coverage>',
      2,
    ],
    [
      'secret-clover.xml',
      '<coverage clover="4"><project><file path="a.php">\n<line num="1" count="hunter2-password" type="stmt"/></file></project></coverage>',
      2,
    ],
    [
      'secret-clover-num.xml',
      '<coverage clover="4"><project><file path="a.php">\n<line num="hunter2-password" count="1" type="stmt"/></file></project></coverage>',
      2,
    ],
    [
      'secret-jacoco.xml',
      '<report name="r"><package name="p"><sourcefile name="A.java">\n<line nr="hunter2-password" mi="0" ci="1"/></sourcefile></package></report>',
      2,
    ],
  ])('%s', async (name, content, line) => {
    const path = write(name, content);
    const error = await failureOf(path);
    expect(error.location?.line).toBe(line);
    expect(error.format()).not.toContain('hunter2');
    expect(error.format().length).toBeLessThan(path.length + 200);
  });

  it('a report path quoted in a message is clipped to one short line', async () => {
    const long = `src/${'d/'.repeat(2000)}a.js`;
    const path = write('long-path.info', `SF:${long}\nDA:1,1\n`);
    const message = (await failureOf(path)).format();
    expect(message).toMatch(
      new RegExp(
        `^${escape(path)}:2:1: truncated lcov report: the record for src/d/d/.*….*d/d/a\\.js \\(line 1\\) has no end_of_record$`,
      ),
    );
    expect(message.length).toBeLessThan(path.length + 250);
    const other = write('long-unmapped.info', `SF:${long}\nDA:1,1\nend_of_record\n`);
    const unmapped = await collectCoverage([other], {
      cwd: dir,
      repoRoot: dir,
      repoFiles: ['b.js'],
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(unmapped).toBeInstanceOf(UserError);
    expect((unmapped as UserError).format().length).toBeLessThan(other.length + dir.length + 350);
    const shape = write(
      'long-key.json',
      JSON.stringify({ meta: {}, files: { [long]: { executed_lines: 'all' } } }),
    );
    const wrong = (await failureOf(shape)).format();
    expect(wrong).toMatch(/: files\["src\/d\/.*….*\/a\.js"\]\.executed_lines: /);
    expect(wrong.length).toBeLessThan(shape.length + 300);
  });

  it("an XML name in the parser's reason is clipped to one short line", async () => {
    const path = write(
      'long-tag.xml',
      `<coverage line-rate="1"><packages>\n<t${'x'.repeat(5000)}>`,
    );
    const error = await failureOf(path);
    expect(error.format()).toMatch(
      new RegExp(`^${escape(path)}:2:\\d+: malformed XML: unclosed tag: tx{39}…$`),
    );
  });
});

describe('a report that maps to no repository file', () => {
  it('is an error naming the report, not 0%', async () => {
    const report = join(
      import.meta.dirname,
      '../../fixtures/coverage/py-package/reports/coverage.xml',
    );
    const error = await collectCoverage([report], {
      cwd: dir,
      repoRoot: dir,
      repoFiles: ['src/other.py', 'README.md'],
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).format()).toBe(
      `coverage report ${report} (cobertura): none of its 4 file paths matches a file tracked in ${dir} (first: "pkg/__init__.py")`,
    );
  });

  it('a file:// path with a malformed percent-escape is read literally, never a crash', async () => {
    const path = write(
      'escape.info',
      'SF:file://%zz\nDA:1,1\nend_of_record\nSF:file:///elsewhere/a%20b.js\nDA:1,0\nend_of_record\n',
    );
    const index = await collectCoverage([path], { cwd: dir, repoRoot: dir, repoFiles: ['a b.js'] });
    expect(index.reports[0]).toMatchObject({
      mapped: 1,
      unmapped: ['file://%zz'],
      unmappedCount: 1,
    });
    expect(index.files.get('a b.js')).toEqual({ covered: 0, coverable: 1, reports: [path] });
  });

  it('is an error for a well-formed report that lists no files', async () => {
    const path = write('no-files.info', 'TN:\n');
    await expect(
      collectCoverage([path], { cwd: dir, repoRoot: dir, repoFiles: ['a.js'] }),
    ).rejects.toThrow(`coverage report ${path} (lcov) lists no source files`);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('entries that map to no repository file', () => {
  it('are counted in a warning that quotes their paths printably, on one line', async () => {
    const report = write(
      'partly-unmapped.info',
      'SF:src/a.py\nDA:1,1\nend_of_record\nSF:gone/\u001b[31mred\rx.py\nDA:1,0\nend_of_record\n',
    );
    const index = await collectCoverage([report], {
      cwd: dir,
      repoRoot: dir,
      repoFiles: ['src/a.py'],
    });
    const [warning, ...rest] = describeUnmapped(index);
    expect(rest).toEqual([]);
    expect(warning!.message).toBe(
      `${report}: 1 of 2 file entries match no repository file (e.g. gone/\\u001b[31mred\\rx.py); their lines are not counted`,
    );
  });
});
