/**
 * Reports written by Debian's python3-coverage (coverage.py 6.5) for fixtures/coverage/
 * py-package must give the totals `coverage report` printed: statements are coverable
 * lines, statements − missing are covered.
 *
 * One known difference, by design: coverage.py 6.5 records an executed module docstring as
 * an executed line without counting it as a statement. Its lcov writer writes that line as
 * a hit `DA:1,1` (its own record says `LF:0`, `LH:1`) and its JSON lists it in
 * `executed_lines` (while its `summary` says 0 of 0). mldebt reads line data as written
 * and never trusts a summary for counts, so the JSON and lcov of one run agree with each
 * other, and both read the docstring-only `pkg/__init__.py` as 1 of 1 where `coverage
 * report` (and the Cobertura XML) say 0 of 0. Every other file matches exactly.
 */
import { describe, expect, it } from 'vitest';
import {
  collectFixture,
  parseCoveragePyReport,
  readFixture,
  sumTotals,
  totalsOf,
  type Totals,
} from './fixtures.js';

const expected = parseCoveragePyReport(readFixture('py-package/reports/report.txt'));
const DOCSTRING_ONLY = 'pkg/__init__.py';

/** `totals` without the docstring-only module, after checking it reads as 1 of 1. */
function withoutDocstringModule(totals: Totals): Totals {
  expect(totals.get(DOCSTRING_ONLY)).toEqual({ covered: 1, coverable: 1 });
  expect(expected.files.get(DOCSTRING_ONLY)).toEqual({ covered: 0, coverable: 0 });
  const others = new Map(totals);
  others.delete(DOCSTRING_ONLY);
  return others;
}

const expectedOthers = new Map(expected.files);
expectedOthers.delete(DOCSTRING_ONLY);

describe('coverage.py coverage.xml', () => {
  it('is read as cobertura and equals coverage report per file and overall', async () => {
    const index = await collectFixture('py-package', ['coverage.xml']);
    expect(index.reports[0]).toMatchObject({
      format: 'cobertura',
      mapped: expected.files.size,
      unmappedCount: 0,
    });
    const totals = totalsOf(index);
    expect(totals).toEqual(expected.files);
    expect(sumTotals(totals)).toEqual(expected.total);
  });
});

describe('coverage.py coverage.json', () => {
  it('equals the lcov of the same run, file by file', async () => {
    const json = await collectFixture('py-package', ['coverage.json']);
    expect(json.reports[0]).toMatchObject({
      format: 'coveragepy-json',
      mapped: expected.files.size,
      unmappedCount: 0,
    });
    const lcov = await collectFixture('py-package', ['coverage.lcov']);
    expect(totalsOf(json)).toEqual(totalsOf(lcov));
  });

  it('equals coverage report on every file but the docstring-only __init__.py', async () => {
    const totals = totalsOf(await collectFixture('py-package', ['coverage.json']));
    expect(withoutDocstringModule(totals)).toEqual(expectedOthers);
  });
});

describe('coverage.py coverage.lcov', () => {
  it('equals coverage report on every file but the docstring-only __init__.py', async () => {
    const totals = totalsOf(await collectFixture('py-package', ['coverage.lcov']));
    expect(withoutDocstringModule(totals)).toEqual(expectedOthers);
  });
});
