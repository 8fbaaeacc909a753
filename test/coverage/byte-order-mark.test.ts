/**
 * A UTF-8 byte-order mark at the start of a report (PowerShell's `Out-File -Encoding utf8`,
 * some Windows editors and CI steps add one) changes nothing: every real tool's report
 * reads the same with and without it, whatever its format.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { readCoverageReport } from '../../src/signals/coverage/index.js';
import { FIXTURES } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'mldebt-bom-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

it.each([
  ['js-package/reports/lcov.info', 'lcov'],
  ['py-package/reports/coverage.lcov', 'lcov'],
  ['py-package/reports/coverage.json', 'coveragepy-json'],
  ['js-package/reports/coverage-final.json', 'istanbul-final'],
  ['js-package/reports/coverage-summary.json', 'istanbul-summary'],
  ['py-package/reports/coverage.xml', 'cobertura'],
  ['java-package/reports/jacoco.xml', 'jacoco'],
  ['js-package/reports/clover.xml', 'clover'],
  ['go-module/reports/cover.out', 'go'],
])('%s (%s) reads the same after a UTF-8 BOM', async (fixture, format) => {
  const plain = join(dir, `plain-${format}-${fixture.replace(/\W/g, '_')}`);
  const marked = join(dir, `bom-${format}-${fixture.replace(/\W/g, '_')}`);
  copyFileSync(join(FIXTURES, fixture), plain);
  const content = readFileSync(plain);
  expect(content.subarray(0, 3)).not.toEqual(BOM);
  writeFileSync(marked, Buffer.concat([BOM, content]));

  const expected = await readCoverageReport(plain);
  const actual = await readCoverageReport(marked);
  expect(actual.format).toBe(format);
  expect(actual.files.size).toBeGreaterThan(0);
  expect(actual.files).toEqual(expected.files);
  expect(actual.sourceRoots).toEqual(expected.sourceRoots);
});

it('keeps line:column of a later error right after a BOM', async () => {
  const path = join(dir, 'bom-bad.info');
  writeFileSync(
    path,
    Buffer.concat([BOM, Buffer.from('SF:a.js\nDA:1,1\nDA:2,x\nend_of_record\n')]),
  );
  await expect(readCoverageReport(path)).rejects.toThrow(
    expect.objectContaining({ location: { file: path, line: 3, column: 6 } }),
  );
});
