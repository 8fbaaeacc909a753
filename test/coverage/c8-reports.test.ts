/**
 * Reports written by c8 (V8 coverage through Istanbul's reporters) for fixtures/coverage/
 * js-package must give the line totals c8 printed itself: `text` (per-file % Lines) and
 * `text-summary` (overall covered/total lines).
 */
import { describe, expect, it } from 'vitest';
import { coverageForFiles } from '../../src/signals/coverage/index.js';
import {
  collectFixture,
  computeIstanbulPercent,
  parseIstanbulTextSummary,
  parseIstanbulTextTable,
  readFixture,
  sumTotals,
  totalsOf,
} from './fixtures.js';

const summary = parseIstanbulTextSummary(readFixture('js-package/reports/text-summary.txt'));
const perFile = parseIstanbulTextTable(readFixture('js-package/reports/text.txt'));

describe.each([
  ['lcov.info', 'lcov'],
  ['cobertura-coverage.xml', 'cobertura'],
  ['clover.xml', 'clover'],
  ['coverage-final.json', 'istanbul-final'],
  ['coverage-summary.json', 'istanbul-summary'],
])('c8 %s', (report, format) => {
  it(`is read as ${format} and maps every entry`, async () => {
    const index = await collectFixture('js-package', [report]);
    expect(index.reports).toEqual([
      expect.objectContaining({ format, entries: 3, mapped: 3, unmappedCount: 0, unmapped: [] }),
    ]);
  });

  it('matches c8 text output per file', async () => {
    const totals = totalsOf(await collectFixture('js-package', [report]));
    // c8 prints src/ files by base name (one directory, so no directory rows).
    const percents = new Map(
      [...totals].map(([path, t]) => [
        path.replace(/^src\//, ''),
        computeIstanbulPercent(t.covered, t.coverable),
      ]),
    );
    expect(percents).toEqual(perFile);
  });

  it('matches c8 text-summary overall', async () => {
    const index = await collectFixture('js-package', [report]);
    expect(sumTotals(totalsOf(index))).toEqual(summary);
    const item = coverageForFiles(index, [...index.files.keys()]);
    expect({ covered: item.covered, coverable: item.coverable }).toEqual(summary);
  });
});
