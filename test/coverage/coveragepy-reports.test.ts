/**
 * Reports written by Debian's python3-coverage (coverage.py 6.5) for fixtures/coverage/
 * py-package must give the totals `coverage report` printed: statements are coverable
 * lines, statements − missing are covered.
 */
import { describe, expect, it } from 'vitest';
import {
  collectFixture,
  parseCoveragePyReport,
  readFixture,
  sumTotals,
  totalsOf,
} from './fixtures.js';

const expected = parseCoveragePyReport(readFixture('py-package/reports/report.txt'));

describe.each([
  ['coverage.xml', 'cobertura'],
  ['coverage.json', 'coveragepy-json'],
])('coverage.py %s', (report, format) => {
  it(`is read as ${format} and equals coverage report per file and overall`, async () => {
    const index = await collectFixture('py-package', [report]);
    expect(index.reports[0]).toMatchObject({
      format,
      mapped: expected.files.size,
      unmappedCount: 0,
    });
    const totals = totalsOf(index);
    expect(totals).toEqual(expected.files);
    expect(sumTotals(totals)).toEqual(expected.total);
  });
});

describe('coverage.py coverage.lcov', () => {
  // coverage.py 6.5's lcov writer emits `DA:1,1` for an executed module docstring although
  // the docstring is no statement (its own record says `LF:0`, `LH:1`). lcov semantics are
  // the DA lines, so pkg/__init__.py reads as 1/1 where `coverage report` says 0 of 0; the
  // other files must match exactly.
  it('equals coverage report on every file but the docstring-only __init__.py', async () => {
    const index = await collectFixture('py-package', ['coverage.lcov']);
    const totals = totalsOf(index);
    const init = 'pkg/__init__.py';
    expect(totals.get(init)).toEqual({ covered: 1, coverable: 1 });
    expect(expected.files.get(init)).toEqual({ covered: 0, coverable: 0 });
    totals.delete(init);
    const others = new Map(expected.files);
    others.delete(init);
    expect(totals).toEqual(others);
  });
});
