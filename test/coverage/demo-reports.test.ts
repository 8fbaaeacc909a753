/**
 * The demo's coverage reports are real coverage.py 6.5 output (scripts/regen-demo-coverage.sh)
 * of a checkout at another path. The same run written as Cobertura XML must give the
 * per-file totals coverage.py printed itself; its JSON and lcov, which both list an
 * executed module docstring as a hit line that coverage.py counts as no statement, must
 * agree with each other and differ from coverage.py by exactly those lines. This caught
 * two quirks of real output: `DA:0,...` lines and `executed_lines: [0]` for empty modules.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectCoverage } from '../../src/signals/coverage/index.js';
import { parseCoveragePyReport, sumTotals, totalsOf } from './fixtures.js';

const dir = fileURLToPath(new URL('../../fixtures/demo/coverage/', import.meta.url));
const expected = parseCoveragePyReport(readFileSync(`${dir}report.txt`, 'utf8'));
const repoFiles = [...expected.files.keys()];

async function totalsFrom(name: string) {
  const index = await collectCoverage([name], {
    cwd: dir,
    repoRoot: '/srv/elsewhere/demo',
    repoFiles,
  });
  expect(index.reports[0]?.unmappedCount).toBe(0);
  return totalsOf(index);
}

describe('demo coverage.xml', () => {
  it('gives the totals coverage.py printed, per file and overall', async () => {
    const totals = await totalsFrom('coverage.xml');
    for (const [file, want] of expected.files) {
      // coverage.py lists empty modules as 0 of 0; a report may omit them or list them empty.
      expect(totals.get(file) ?? { covered: 0, coverable: 0 }, file).toEqual(want);
    }
    expect(sumTotals(totals)).toEqual(expected.total);
  });
});

describe('demo coverage.lcov', () => {
  it('matches coverage.py but for its lcov writer writing a docstring line as a hit DA', async () => {
    // coverage.py 6.5's lcov writer emits `DA:1,1` for a module docstring line that its own
    // report (and its LF) does not count as a statement; mldebt reads DA lines as written.
    const totals = await totalsFrom('coverage.lcov');
    let quirks = 0;
    for (const [file, want] of expected.files) {
      const got = totals.get(file) ?? { covered: 0, coverable: 0 };
      const extra = got.coverable - want.coverable;
      expect([0, 1], file).toContain(extra);
      expect(got.covered - want.covered, file).toBe(extra);
      quirks += extra;
    }
    expect(quirks).toBeGreaterThan(0);
    expect(sumTotals(totals)).toEqual({
      covered: expected.total.covered + quirks,
      coverable: expected.total.coverable + quirks,
    });
  });
});

describe('demo coverage.json', () => {
  it('equals the lcov of the same run, file by file: line lists, not its summary', async () => {
    const json = await totalsFrom('coverage.json');
    expect(json.size).toBeGreaterThan(0);
    expect(json).toEqual(await totalsFrom('coverage.lcov'));
  });
});
