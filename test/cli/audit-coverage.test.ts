/**
 * `mldebt audit --coverage` end to end: the fixture packages become real git repositories,
 * the reports their real tools wrote are passed on the command line, and the item's
 * coverage must equal the tool's own printed totals.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRepo } from '../../scripts/lib/repo-builder.js';
import type { Report } from '../../src/model/index.js';
import {
  collectFixture,
  FIXTURES,
  listFixtureFiles,
  parseCoveragePyReport,
  parseGcovrText,
  parseIstanbulTextSummary,
  parseJacocoCsv,
  parseLcovSummary,
  sumTotals,
  totalsOf,
} from '../coverage/fixtures.js';
import { runInProcess } from '../helpers/run-in-process.js';

let base: string;
afterAll(() => rmSync(base, { recursive: true, force: true }));
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'mldebt-cov-'));
});

/** A git repository holding the fixture package's sources (reports stay outside it). */
function repoFromFixture(pkg: string, inventory: string): string {
  const dir = join(base, pkg);
  const files: Record<string, string> = {};
  for (const file of listFixtureFiles(join(FIXTURES, pkg))) {
    files[file] = readFileSync(join(FIXTURES, pkg, file), 'utf8');
  }
  buildRepo(dir, [
    {
      date: '2026-05-01T10:00:00Z',
      author: { name: 'A', email: 'a@example.com' },
      message: 'import',
      files,
    },
  ]);
  writeFileSync(join(dir, 'debt.yaml'), inventory);
  return dir;
}

const inventoryFor = (glob: string) => `version: 1
project: coverage
items:
  - id: CODE-1
    title: All the code
    category: testing
    risk: 2
    cost_of_delay: 2
    paths: ["${glob}"]
  - id: CONF-2
    title: Package metadata only
    category: configuration
    risk: 2
    cost_of_delay: 2
    paths: ["package.json", "go.mod"]
  - id: TEST-3
    title: The test runner
    category: testing
    risk: 2
    cost_of_delay: 2
    paths: ["test/**"]
`;

async function audit(repo: string, report: string): Promise<Report> {
  const res = await runInProcess(['audit', '--format', 'json', '--coverage', report], {
    cwd: repo,
  });
  expect(res.status, res.stderr).toBe(0);
  return JSON.parse(res.stdout) as Report;
}

describe('c8 reports of the JS fixture package', () => {
  let repo: string;
  const reports = join(FIXTURES, 'js-package', 'reports');
  const expected = parseIstanbulTextSummary(
    readFileSync(join(reports, 'text-summary.txt'), 'utf8'),
  );
  beforeAll(() => {
    repo = repoFromFixture('js-package', inventoryFor('src/**'));
  });

  it.each([
    'lcov.info',
    'cobertura-coverage.xml',
    'clover.xml',
    'coverage-final.json',
    'coverage-summary.json',
  ])('%s gives the totals c8 printed', async (name) => {
    const report = await audit(repo, join(reports, name));
    const code = report.items.find((i) => i.id === 'CODE-1')!;
    expect(code.signals.coverage).toMatchObject({
      covered: expected.covered,
      coverable: expected.coverable,
    });
    expect(code.risk.reasons).toEqual([`+1 coverage ${code.signals.coverage!.percent}% < 60%`]);
    expect(report.settings.coverageReports).toEqual([join(reports, name)]);
    // Config-only items are not "unmeasured": no coverage tool lists package.json.
    const conf = report.items.find((i) => i.id === 'CONF-2')!;
    expect(conf.signals.coverage).toEqual({
      covered: 0,
      coverable: 0,
      percent: null,
      unmeasuredFiles: [],
      measuredFiles: 0,
      untestedFiles: [],
      sources: [],
    });
    expect(conf.risk.effective).toBe(2);
  });

  it('explain names the report and files each number came from', async () => {
    const res = await runInProcess(
      ['explain', 'CODE-1', '--coverage', join(reports, 'lcov.info')],
      { cwd: repo },
    );
    expect(res.stdout).toContain(
      `coverage: 58.7% (${expected.covered}/${expected.coverable} lines)`,
    );
    expect(res.stdout).toContain(
      `from ${join(reports, 'lcov.info')}: src/math.js, src/strings.js, src/unused.js`,
    );
  });

  it('an item none of whose source files is in the report is unmeasured, risk +2', async () => {
    const report = await audit(repo, join(reports, 'lcov.info'));
    const tests = report.items.find((i) => i.id === 'TEST-3')!;
    expect(tests.signals.coverage).toMatchObject({
      covered: 0,
      coverable: 0,
      percent: null,
      unmeasuredFiles: ['test/run.js'],
    });
    expect(tests.risk).toEqual({
      declared: 2,
      effective: 4,
      reasons: ['+2 no coverage data for any of its files'],
    });
    const explained = await runInProcess(
      ['explain', 'TEST-3', '--coverage', join(reports, 'lcov.info')],
      { cwd: repo },
    );
    expect(explained.stdout).toContain('unmeasured (in no report): test/run.js');
  });
});

describe('coverage.py reports of the Python fixture package', () => {
  let repo: string;
  const reports = join(FIXTURES, 'py-package', 'reports');
  const expected = parseCoveragePyReport(readFileSync(join(reports, 'report.txt'), 'utf8'));
  beforeAll(() => {
    repo = repoFromFixture('py-package', inventoryFor('pkg/**'));
  });

  it('coverage.xml gives the totals coverage.py printed', async () => {
    const code = (await audit(repo, join(reports, 'coverage.xml'))).items.find(
      (i) => i.id === 'CODE-1',
    )!;
    expect(code.signals.coverage).toMatchObject({
      covered: expected.total.covered,
      coverable: expected.total.coverable,
      unmeasuredFiles: [],
    });
  });

  it('coverage.json gives what the lcov of the same run gives', async () => {
    // Both list the executed docstring of pkg/__init__.py as a hit line, which coverage.py
    // counts as no statement: one line more than it printed (test/coverage explains it).
    const coverageOf = async (name: string) =>
      (await audit(repo, join(reports, name))).items.find((i) => i.id === 'CODE-1')!.signals
        .coverage;
    const json = await coverageOf('coverage.json');
    expect(json).toMatchObject({
      covered: expected.total.covered + 1,
      coverable: expected.total.coverable + 1,
      unmeasuredFiles: [],
    });
    const lcov = await coverageOf('coverage.lcov');
    expect(json).toMatchObject({ covered: lcov!.covered, coverable: lcov!.coverable });
  });

  it('reports a report that maps to no repository file as an error, not 0%', async () => {
    const other = join(FIXTURES, 'js-package', 'reports', 'lcov.info');
    const res = await runInProcess(['audit', '--coverage', other], { cwd: repo });
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(
      /^mldebt: coverage report .*lcov\.info \(lcov\): none of its 3 file paths matches a file tracked in /,
    );
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('merges several reports and reads settings.coverage relative to the repository', async () => {
    cpSync(join(reports, 'coverage.xml'), join(repo, 'coverage.xml'));
    writeFileSync(
      join(repo, 'debt.yaml'),
      inventoryFor('pkg/**').replace('items:', 'settings:\n  coverage: [coverage.xml]\nitems:'),
    );
    const res = await runInProcess(['audit', '--format', 'json'], { cwd: join(repo, 'pkg') });
    expect(res.status, res.stderr).toBe(0);
    const code = (JSON.parse(res.stdout) as Report).items.find((i) => i.id === 'CODE-1')!;
    expect(code.signals.coverage?.covered).toBe(expected.total.covered);
  });
});

describe('gcovr, lcov, Go and JaCoCo reports through the CLI', () => {
  it('C: gcovr Cobertura and lcov give the totals gcovr and lcov printed', async () => {
    const reports = join(FIXTURES, 'c-program', 'reports');
    const repo = repoFromFixture('c-program', inventoryFor('src/**'));
    const gcovr = parseGcovrText(readFileSync(join(reports, 'gcovr.txt'), 'utf8')).total;
    const code = async (name: string) =>
      (await audit(repo, join(reports, name))).items.find((i) => i.id === 'CODE-1')!;
    expect((await code('gcovr-cobertura.xml')).signals.coverage).toMatchObject(gcovr);
    const lcov = parseLcovSummary(readFileSync(join(reports, 'lcov-summary.txt'), 'utf8'));
    expect((await code('lcov.info')).signals.coverage).toMatchObject(lcov);
  });

  it('Java: JaCoCo XML gives the line totals of JaCoCo’s own CSV', async () => {
    const reports = join(FIXTURES, 'java-package', 'reports');
    const repo = repoFromFixture('java-package', inventoryFor('src/main/java/**'));
    const expected = sumTotals(parseJacocoCsv(readFileSync(join(reports, 'jacoco.csv'), 'utf8')));
    const code = (await audit(repo, join(reports, 'jacoco.xml'))).items.find(
      (i) => i.id === 'CODE-1',
    )!;
    expect(code.signals.coverage).toMatchObject(expected);
  });

  it('Go: a cover profile with module paths maps onto the repository', async () => {
    const reports = join(FIXTURES, 'go-module', 'reports');
    const repo = repoFromFixture('go-module', inventoryFor('stats/**'));
    // The reader's line rule is checked against `go tool cover` in test/coverage; here the
    // CLI must give what the library gives for the same report and files.
    const expected = sumTotals(totalsOf(await collectFixture('go-module', ['cover.out'])));
    const code = (await audit(repo, join(reports, 'cover.out'))).items.find(
      (i) => i.id === 'CODE-1',
    )!;
    expect(code.signals.coverage).toMatchObject(expected);
    expect(code.signals.coverage!.coverable).toBeGreaterThan(0);
  });
});

describe('report entries that map nowhere', () => {
  it('are counted in a warning (and refused by --strict), never dropped silently', async () => {
    const dir = join(base, 'partial');
    buildRepo(dir, [
      {
        date: '2026-05-01T10:00:00Z',
        author: { name: 'A', email: 'a@example.com' },
        message: 'only math',
        files: {
          'src/math.js': readFileSync(join(FIXTURES, 'js-package', 'src', 'math.js'), 'utf8'),
        },
      },
    ]);
    writeFileSync(
      join(dir, 'debt.yaml'),
      'version: 1\nproject: p\nitems:\n  - id: CODE-1\n    title: t\n    category: testing\n    risk: 2\n    cost_of_delay: 2\n    paths: ["src/**"]\n',
    );
    const lcov = join(FIXTURES, 'js-package', 'reports', 'lcov.info');
    const report = await audit(dir, lcov);
    expect(report.warnings).toEqual([
      {
        code: 'coverage-unmapped',
        message: `${lcov}: 2 of 3 file entries match no repository file (e.g. src/strings.js, src/unused.js); their lines are not counted`,
      },
    ]);
    const strict = await runInProcess(['audit', '--strict', '--coverage', lcov], { cwd: dir });
    expect(strict.status).toBe(2);
    expect(strict.stderr).toContain('2 of 3 file entries match no repository file');
  });
});
