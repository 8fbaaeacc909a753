import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectCoverage, coverageForFiles } from '../../src/signals/coverage/index.js';
import type { MappedReport } from '../../src/signals/coverage/map-paths.js';
import { createCoverageMerger } from '../../src/signals/coverage/merge.js';
import type { FileHits } from '../../src/signals/coverage/types.js';
import { collectFixture } from './fixtures.js';

function mapped(file: string, files: Record<string, FileHits>): MappedReport {
  const entries = Object.keys(files).length;
  return {
    summary: { file, format: 'lcov', entries, mapped: entries, unmapped: [], unmappedCount: 0 },
    files: new Map(Object.entries(files)),
  };
}

const lines = (pairs: [number, number][]): FileHits => ({ kind: 'lines', lines: new Map(pairs) });

describe('createCoverageMerger', () => {
  it('unites lines: coverable in any report, covered if hit in any', () => {
    const merger = createCoverageMerger();
    merger.add(
      mapped('unit.info', {
        'a.py': lines([
          [1, 1],
          [2, 0],
          [3, 0],
        ]),
      }),
    );
    merger.add(
      mapped('e2e.info', {
        'a.py': lines([
          [2, 5],
          [4, 0],
        ]),
        'b.py': lines([[1, 0]]),
      }),
    );
    const index = merger.finish();
    expect(index.files.get('a.py')).toEqual({
      covered: 2,
      coverable: 4,
      reports: ['unit.info', 'e2e.info'],
    });
    expect(index.files.get('b.py')).toEqual({ covered: 0, coverable: 1, reports: ['e2e.info'] });
    expect(index.reports.map((r) => r.file)).toEqual(['unit.info', 'e2e.info']);
  });

  it('uses totals only where no report has line data, and the best-covered totals', () => {
    const merger = createCoverageMerger();
    merger.add(
      mapped('summary-1.json', {
        'a.js': { kind: 'totals', covered: 9, coverable: 10 },
        'b.js': { kind: 'totals', covered: 1, coverable: 4 },
      }),
    );
    merger.add(
      mapped('lcov.info', {
        'a.js': lines([
          [1, 0],
          [2, 1],
        ]),
      }),
    );
    merger.add(mapped('summary-2.json', { 'b.js': { kind: 'totals', covered: 3, coverable: 4 } }));
    const index = merger.finish();
    expect(index.files.get('a.js')).toEqual({ covered: 1, coverable: 2, reports: ['lcov.info'] });
    expect(index.files.get('b.js')).toEqual({
      covered: 3,
      coverable: 4,
      reports: ['summary-2.json'],
    });
  });
});

describe('covered <= coverable in the merged index', () => {
  it('holds even for a totals entry that claims more, from a report no reader checked', () => {
    // Readers refuse such entries; a RawCoverageReport built through the API is not read.
    const merger = createCoverageMerger();
    merger.add(mapped('api.json', { 'a.js': { kind: 'totals', covered: 9, coverable: 3 } }));
    expect(merger.finish().files.get('a.js')).toEqual({
      covered: 3,
      coverable: 3,
      reports: ['api.json'],
    });
  });
});

describe('coverageForFiles', () => {
  const merger = createCoverageMerger();
  merger.add(
    mapped('py.xml', {
      'src/a.py': lines([
        [1, 1],
        [2, 1],
        [3, 0],
        [4, 0],
      ]),
    }),
  );
  merger.add(
    mapped('js.info', {
      'web/b.js': lines([
        ...Array.from({ length: 96 }, (_, i): [number, number] => [i + 1, 1]),
        [97, 0],
        [98, 0],
        [99, 0],
        [100, 0],
      ]),
    }),
  );
  const index = merger.finish();

  it('sums lines over measured files (never a mean of percentages) and lists the unmeasured', () => {
    const signal = coverageForFiles(index, ['web/b.js', 'src/z-new.py', 'src/a.py', 'src/a.py']);
    // (2 + 96) / (4 + 100) = 94.2%, where a mean of 50% and 96% would say 73%.
    expect(signal).toEqual({
      covered: 98,
      coverable: 104,
      percent: 94.2,
      unmeasuredFiles: ['src/z-new.py'],
      measuredFiles: 2,
      untestedFiles: ['src/z-new.py'],
      sources: [
        { report: 'py.xml', files: ['src/a.py'] },
        { report: 'js.info', files: ['web/b.js'] },
      ],
    });
  });

  it('says percent null, not 0%, when none of the item files is measured', () => {
    expect(coverageForFiles(index, ['docs/b.md', 'docs/a.md'])).toEqual({
      covered: 0,
      coverable: 0,
      percent: null,
      unmeasuredFiles: ['docs/a.md', 'docs/b.md'],
      measuredFiles: 0,
      untestedFiles: [],
      sources: [],
    });
  });

  it('knows the languages the reports measured, by lower-cased extension', () => {
    expect([...index.extensions].sort()).toEqual(['js', 'py']);
  });

  it('calls untested only unmeasured files of a language the reports cover', () => {
    const signal = coverageForFiles(index, [
      'src/a.py',
      'src/Legacy.PY',
      'web/new.js',
      'svc/main.go',
      'Makefile',
    ]);
    expect(signal).toMatchObject({
      measuredFiles: 1,
      unmeasuredFiles: ['Makefile', 'src/Legacy.PY', 'svc/main.go', 'web/new.js'],
      untestedFiles: ['src/Legacy.PY', 'web/new.js'],
    });
  });
});

describe('collectCoverage over two reports of the same code', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mldebt-merge-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('merges a real c8 lcov with a second run that covers what the first missed', async () => {
    const first = await collectFixture('js-package', ['lcov.info']);
    const math = first.files.get('src/math.js');
    expect(math && math.covered < math.coverable).toBe(true);
    // A second run (hand-written: any run that hits median(), lines 23-27 of math.js).
    writeFileSync(
      join(dir, 'second.info'),
      'TN:\nSF:src/math.js\nDA:23,1\nDA:24,1\nDA:25,1\nDA:26,1\nDA:27,1\nend_of_record\n',
    );
    const root = join(dir, 'repo');
    const index = await collectCoverage(
      [
        join(import.meta.dirname, '../../fixtures/coverage/js-package/reports/lcov.info'),
        join(dir, 'second.info'),
      ],
      { cwd: root, repoRoot: root, repoFiles: ['src/math.js', 'src/strings.js', 'src/unused.js'] },
    );
    expect(index.files.get('src/math.js')).toMatchObject({
      covered: (math?.covered ?? 0) + 4, // line 23 was already covered
      coverable: math?.coverable,
    });
  });
});
