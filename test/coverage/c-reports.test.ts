/**
 * One run of a gcc --coverage program, reported by gcovr (Cobertura XML) and by lcov
 * (geninfo tracefile): mldebt's totals must equal gcovr's text report and lcov's own
 * `--list` / `--summary` output.
 */
import { describe, expect, it } from 'vitest';
import {
  collectFixture,
  parseGcovrText,
  parseLcovList,
  parseLcovSummary,
  readFixture,
  sumTotals,
  totalsOf,
} from './fixtures.js';

describe('gcovr Cobertura XML', () => {
  it('equals gcovr --txt per file and overall', async () => {
    const expected = parseGcovrText(readFixture('c-program/reports/gcovr.txt'));
    const index = await collectFixture('c-program', ['gcovr-cobertura.xml']);
    expect(index.reports[0]).toMatchObject({ format: 'cobertura', mapped: 2, unmappedCount: 0 });
    expect(totalsOf(index)).toEqual(expected.files);
    expect(sumTotals(totalsOf(index))).toEqual(expected.total);
  });
});

describe('lcov tracefile from geninfo', () => {
  it('equals lcov --list per file and lcov --summary overall', async () => {
    const index = await collectFixture('c-program', ['lcov.info']);
    expect(index.reports[0]).toMatchObject({ format: 'lcov', mapped: 2, unmappedCount: 0 });
    // lcov --list groups by absolute directory; compare by path inside src/.
    const listed = new Map(
      [...parseLcovList(readFixture('c-program/reports/lcov-list.txt'))].map(([path, t]) => [
        path.slice(path.lastIndexOf('/src/') + 1),
        t,
      ]),
    );
    expect(totalsOf(index)).toEqual(listed);
    expect(sumTotals(totalsOf(index))).toEqual(
      parseLcovSummary(readFixture('c-program/reports/lcov-summary.txt')),
    );
  });
});
