/**
 * The committed reports hold the absolute paths of the machine that generated them. Copied
 * to another directory (as a CI runner's checkout would be), the same reports must map by
 * suffix and give the same totals — and, as a monorepo, relative report paths must resolve
 * against the package that holds the report.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectCoverage } from '../../src/signals/coverage/index.js';
import { collectFixture, FIXTURES, listFixtureFiles, totalsOf } from './fixtures.js';

let elsewhere: string;

beforeAll(() => {
  elsewhere = mkdtempSync(join(tmpdir(), 'mldebt-checkout-'));
  cpSync(FIXTURES, elsewhere, { recursive: true });
});

afterAll(() => {
  rmSync(elsewhere, { recursive: true, force: true });
});

describe('reports from another machine checkout', () => {
  it.each([
    ['js-package', 'coverage-final.json'],
    ['js-package', 'clover.xml'],
    ['js-package', 'coverage-summary.json'],
    ['js-package', 'cobertura-coverage.xml'],
    ['c-program', 'lcov.info'],
    ['py-package', 'coverage.xml'],
  ])('%s %s maps by suffix to the same totals', async (pkg, report) => {
    const root = join(elsewhere, pkg);
    const moved = await collectCoverage([`reports/${report}`], {
      cwd: root,
      repoRoot: root,
      repoFiles: listFixtureFiles(root),
    });
    const original = await collectFixture(pkg, [report]);
    expect(moved.reports[0]?.unmappedCount).toBe(0);
    expect(totalsOf(moved)).toEqual(totalsOf(original));
  });
});

describe('fixtures/coverage as a monorepo', () => {
  it('resolves each package report against its own package, from the repository root', async () => {
    const files = listFixtureFiles(elsewhere);
    const index = await collectCoverage(
      [
        'js-package/reports/lcov.info',
        'py-package/reports/coverage.json',
        'c-program/reports/gcovr-cobertura.xml',
        'go-module/reports/cover.out',
      ],
      { cwd: elsewhere, repoRoot: elsewhere, repoFiles: files },
    );
    expect(index.reports.map((r) => [r.file, r.mapped, r.unmappedCount])).toEqual([
      ['js-package/reports/lcov.info', 3, 0],
      ['py-package/reports/coverage.json', 4, 0],
      ['c-program/reports/gcovr-cobertura.xml', 2, 0],
      ['go-module/reports/cover.out', 2, 0],
    ]);
    expect([...index.files.keys()]).toEqual([
      'c-program/src/main.c',
      'c-program/src/util.c',
      'go-module/stats/stats.go',
      'go-module/stats/text.go',
      'js-package/src/math.js',
      'js-package/src/strings.js',
      'js-package/src/unused.js',
      'py-package/pkg/__init__.py',
      'py-package/pkg/stats.py',
      'py-package/pkg/text.py',
      'py-package/pkg/unused.py',
    ]);
  });

  it('resolves relative report paths from a package working directory too', async () => {
    const index = await collectCoverage(['reports/lcov.info'], {
      cwd: join(elsewhere, 'js-package'),
      repoRoot: elsewhere,
      repoFiles: listFixtureFiles(elsewhere),
    });
    expect([...index.files.keys()]).toEqual([
      'js-package/src/math.js',
      'js-package/src/strings.js',
      'js-package/src/unused.js',
    ]);
  });
});
