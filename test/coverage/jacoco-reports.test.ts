/**
 * A JaCoCo XML report written by JaCoCo's own report task (Debian libjacoco-java) must
 * give the LINE counters of the CSV report the same task wrote.
 */
import { expect, it } from 'vitest';
import { collectFixture, parseJacocoCsv, readFixture, sumTotals, totalsOf } from './fixtures.js';

it('JaCoCo XML equals the JaCoCo CSV line counters per file and overall', async () => {
  const index = await collectFixture('java-package', ['jacoco.xml']);
  expect(index.reports[0]).toMatchObject({ format: 'jacoco', mapped: 2, unmappedCount: 0 });
  // The XML names files by package path; they map by suffix under src/main/java/.
  const expected = new Map(
    [...parseJacocoCsv(readFixture('java-package/reports/jacoco.csv'))].map(([path, t]) => [
      `src/main/java/${path}`,
      t,
    ]),
  );
  expect(totalsOf(index)).toEqual(expected);
  expect(sumTotals(totalsOf(index))).toEqual(sumTotals(expected));
});
