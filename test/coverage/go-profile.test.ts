/**
 * A Go cover profile written by `go test -coverprofile` (Debian golang-go) over
 * fixtures/coverage/go-module. Go prints only statement percentages (`go tool cover -func`,
 * committed as cover-func.txt), which are not line counts, so the expected line figures are
 * derived here from the profile's blocks by the documented rule, and the statement view is
 * checked against Go's own output separately.
 */
import { expect, it } from 'vitest';
import { collectFixture, readFixture, totalsOf } from './fixtures.js';

it('maps import paths onto the module files by suffix', async () => {
  const index = await collectFixture('go-module', ['cover.out']);
  expect(index.reports[0]).toMatchObject({ format: 'go', entries: 2, mapped: 2, unmappedCount: 0 });
  expect([...index.files.keys()]).toEqual(['stats/stats.go', 'stats/text.go']);
});

it('counts lines start..end of every block, covered when any block over them ran', async () => {
  const profile = readFixture('go-module/reports/cover.out');
  const expected = new Map<string, { covered: number; coverable: number }>();
  const lines = new Map<string, Map<number, boolean>>();
  for (const row of profile.trim().split('\n').slice(1)) {
    const [, file = '', from, to, statements, count] =
      /^.*\/(\w+\.go):(\d+)\.\d+,(\d+)\.\d+ (\d+) (\d+)$/.exec(row) ?? [];
    if (Number(statements) === 0) continue;
    const map = lines.get(`stats/${file}`) ?? new Map<number, boolean>();
    for (let n = Number(from); n <= Number(to); n++)
      map.set(n, map.get(n) === true || Number(count) > 0);
    lines.set(`stats/${file}`, map);
  }
  for (const [file, map] of lines) {
    expected.set(file, { covered: [...map.values()].filter(Boolean).length, coverable: map.size });
  }
  expect(totalsOf(await collectFixture('go-module', ['cover.out']))).toEqual(expected);
});

it('reads the same blocks Go itself summarised (statement view of the profile)', () => {
  // `go tool cover -func` total: covered statements / statements over all blocks.
  const total = /total:\s+\(statements\)\s+([\d.]+)%/.exec(
    readFixture('go-module/reports/cover-func.txt'),
  );
  let statements = 0;
  let covered = 0;
  for (const row of readFixture('go-module/reports/cover.out').trim().split('\n').slice(1)) {
    const [n = '0', count = '0'] = row.split(' ').slice(1);
    statements += Number(n);
    if (Number(count) > 0) covered += Number(n);
  }
  expect(((100 * covered) / statements).toFixed(1)).toBe(total?.[1]);
});
