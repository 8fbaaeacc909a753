/**
 * Helpers for the coverage tests: where the tool-generated fixtures are, how to collect
 * them as mldebt would, and parsers for each tool's own text summary (the expected values:
 * tests never hard-code totals that mldebt itself computed).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectCoverage, type CoverageIndex } from '../../src/signals/coverage/index.js';

/** fixtures/coverage, absolute. */
export const FIXTURES = fileURLToPath(new URL('../../fixtures/coverage/', import.meta.url));

/** Per-file line totals, keyed by repository-relative path. */
export type Totals = Map<string, { covered: number; coverable: number }>;

/** Files of a fixture folder as git would list them, minus the generated reports. */
export function listFixtureFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'reports') walk(path);
      } else {
        files.push(relative(dir, path).split(sep).join('/'));
      }
    }
  };
  walk(dir);
  return files.sort();
}

/**
 * Collects reports of one fixture package the way `mldebt --coverage` would, with the
 * package as the repository root and working directory. The reports hold the absolute
 * paths of the machine that made them: on that machine they map by prefix, elsewhere by
 * suffix, and the totals must be the same either way.
 */
export async function collectFixture(pkg: string, reports: string[]): Promise<CoverageIndex> {
  const root = join(FIXTURES, pkg);
  return collectCoverage(
    reports.map((r) => `reports/${r}`),
    { cwd: root, repoRoot: root, repoFiles: listFixtureFiles(root) },
  );
}

/** The index's per-file totals, for comparison with a tool's summary. */
export function totalsOf(index: CoverageIndex): Totals {
  const totals: Totals = new Map();
  for (const [path, file] of index.files) {
    totals.set(path, { covered: file.covered, coverable: file.coverable });
  }
  return totals;
}

/** Σ over files. */
export function sumTotals(totals: Totals): { covered: number; coverable: number } {
  let covered = 0;
  let coverable = 0;
  for (const t of totals.values()) {
    covered += t.covered;
    coverable += t.coverable;
  }
  return { covered, coverable };
}

export function readFixture(path: string): string {
  return readFileSync(join(FIXTURES, path), 'utf8');
}

/** c8 `text-summary`: `Lines : 58.69% ( 27/46 )`. */
export function parseIstanbulTextSummary(text: string): { covered: number; coverable: number } {
  const match = /^Lines\s*:\s*[\d.]+%\s*\(\s*(\d+)\/(\d+)\s*\)/m.exec(text);
  if (!match) throw new Error('no Lines row in the text-summary output');
  return { covered: Number(match[1]), coverable: Number(match[2]) };
}

/** c8 `text`: per file name, the `% Lines` column (file rows only, not "All files"). */
export function parseIstanbulTextTable(text: string): Map<string, number> {
  const percents = new Map<string, number>();
  for (const line of text.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 5 || !/^[\d.]+$/.test(cells[4] ?? '')) continue;
    const name = cells[0] ?? '';
    if (name !== 'All files') percents.set(name, Number(cells[4]));
  }
  return percents;
}

/** istanbul-lib-coverage's percent(): floored to two decimals, 100 for nothing coverable. */
export function computeIstanbulPercent(covered: number, coverable: number): number {
  return coverable > 0 ? Math.floor((1000 * 100 * covered) / coverable / 10) / 100 : 100;
}

/** `coverage report`: `pkg/stats.py  19  7  63%` rows, plus the TOTAL row. */
export function parseCoveragePyReport(text: string): {
  files: Totals;
  total: { covered: number; coverable: number };
} {
  const files: Totals = new Map();
  let total: { covered: number; coverable: number } | null = null;
  for (const line of text.split('\n')) {
    const match = /^(\S+)\s+(\d+)\s+(\d+)\s+\d+%$/.exec(line.trim());
    if (!match) continue;
    const statements = Number(match[2]);
    const entry = { covered: statements - Number(match[3]), coverable: statements };
    if (match[1] === 'TOTAL') total = entry;
    else files.set(match[1] ?? '', entry);
  }
  if (!total) throw new Error('no TOTAL row in coverage report output');
  return { files, total };
}

/** gcovr `--txt`: `src/util.c  16  10  62%  ...` rows, plus TOTAL. */
export function parseGcovrText(text: string): {
  files: Totals;
  total: { covered: number; coverable: number };
} {
  const files: Totals = new Map();
  let total: { covered: number; coverable: number } | null = null;
  for (const line of text.split('\n')) {
    const match = /^(\S+)\s+(\d+)\s+(\d+)\s+\d+%/.exec(line);
    if (!match) continue;
    const entry = { covered: Number(match[3]), coverable: Number(match[2]) };
    if (match[1] === 'TOTAL') total = entry;
    else files.set(match[1] ?? '', entry);
  }
  if (!total) throw new Error('no TOTAL row in gcovr output');
  return { files, total };
}

/**
 * `lcov --list`: `[dir/]` headers, then `name |62.5%  8| ...` rows; covered is rate × num
 * (exact for the small fixture: the rate has one decimal).
 */
export function parseLcovList(text: string): Totals {
  const files: Totals = new Map();
  let dir = '';
  for (const line of text.split('\n')) {
    const header = /^\[(.*)\]$/.exec(line.trim());
    if (header) {
      dir = header[1] ?? '';
      continue;
    }
    const match = /^([^|\s]+)\s*\|\s*([\d.]+)%\s+(\d+)\|/.exec(line);
    if (!match || match[1] === 'Total:') continue;
    const coverable = Number(match[3]);
    files.set(`${dir}${match[1]}`, {
      covered: Math.round((Number(match[2]) * coverable) / 100),
      coverable,
    });
  }
  return files;
}

/** `lcov --summary`: `lines......: 62.5% (15 of 24 lines)`. */
export function parseLcovSummary(text: string): { covered: number; coverable: number } {
  const match = /lines\.*:\s*[\d.]+%\s*\((\d+) of (\d+) lines\)/.exec(text);
  if (!match) throw new Error('no lines row in lcov --summary output');
  return { covered: Number(match[1]), coverable: Number(match[2]) };
}

/**
 * JaCoCo's CSV report: LINE_MISSED/LINE_COVERED per class, summed per source file
 * (`com.example.fixture` + `Stats` -> `com/example/fixture/Stats.java`; an inner class
 * `Outer.Inner` belongs to Outer.java).
 */
export function parseJacocoCsv(text: string): Totals {
  const [header, ...rows] = text.trim().split('\n');
  const columns = (header ?? '').split(',');
  const at = (name: string): number => columns.indexOf(name);
  const files: Totals = new Map();
  for (const row of rows) {
    const cells = row.split(',');
    const pkg = (cells[at('PACKAGE')] ?? '').replace(/\./g, '/');
    const outer = (cells[at('CLASS')] ?? '').split('.')[0];
    const path = `${pkg}/${outer}.java`;
    const covered = Number(cells[at('LINE_COVERED')]);
    const missed = Number(cells[at('LINE_MISSED')]);
    const entry = files.get(path) ?? { covered: 0, coverable: 0 };
    files.set(path, {
      covered: entry.covered + covered,
      coverable: entry.coverable + covered + missed,
    });
  }
  return files;
}
